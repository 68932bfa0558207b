package io.lakesh.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Measurements of one thing (seconds, bytes, …): median and spread (min–max), in the order they were taken. */
final class Samples {
    private final List<Double> values = new ArrayList<>();

    void add(double v) {
        values.add(v);
    }

    int size() {
        return values.size();
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    List<Double> values() {
        return values;
    }

    double median() {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = values.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    double min() {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** Every value, scaled and formatted with the given pattern, in run order. */
    String all(double scale, String pattern) {
        return values.stream().map(v -> String.format(Locale.ROOT, pattern, v * scale)).collect(Collectors.joining(", "));
    }
}
