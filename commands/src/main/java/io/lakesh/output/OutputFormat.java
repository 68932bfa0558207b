package io.lakesh.output;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The output formats, chosen with --format or the session's \format. */
public enum OutputFormat {
    TABLE(new AlignedPrinter()),
    VERTICAL(new VerticalPrinter()),
    CSV(new DelimitedPrinter(',')),
    TSV(new DelimitedPrinter('\t')),
    JSON(new JsonPrinter()),
    MARKDOWN(new MarkdownPrinter());

    private final Printer printer;

    OutputFormat(Printer printer) {
        this.printer = printer;
    }

    public Printer printer() {
        return printer;
    }

    public static String names() {
        return Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }

    public static OutputFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new io.lakesh.UsageException("unknown format '" + name + "' (known: " + names() + ")");
        }
    }
}
