package io.lakesh.output;

import java.time.ZoneId;

/**
 * How values turn into text: human sizes (-h), the time zone for human times, and the terminal width
 * beyond which the aligned format falls back to vertical records (0: never).
 */
public record PrintOptions(boolean humanSizes, ZoneId zone, int width) {

    public static PrintOptions defaults() {
        return new PrintOptions(false, ZoneId.systemDefault(), 0);
    }

    public PrintOptions withHumanSizes(boolean human) {
        return new PrintOptions(human, zone, width);
    }

    public PrintOptions withWidth(int newWidth) {
        return new PrintOptions(humanSizes, zone, newWidth);
    }
}
