package io.lakesh.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbered sections of a BENCHMARKS.md, each with its summary rows, so that a partial run
 * (`--only ls,prompt`) replaces its own sections and keeps the others from the file as the harness last wrote it.
 */
final class Parts {
    /** One section: its number, its text (from `## N.` up to the next heading) and its summary rows (cells). */
    record Part(int number, String text, List<List<String>> rows) {
    }

    static final String RUN_PREFIX = "Run: ";
    private static final Pattern SECTION = Pattern.compile("^## (\\d+)\\. .*");
    private static final Pattern DATE = Pattern.compile("^- Date: (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC).*");
    private static final Pattern COMMIT = Pattern.compile("^- Commit: `([^`]*)`.*");

    /**
     * Files written before the summary had its § column: rows are told apart by what they name, in the order
     * the sections are numbered (1 ls, 2 prompt, 3 cp, 4 rss, 5 script, 6 iceberg).
     */
    private static final List<Pattern> LEGACY_ROWS = List.of(
            Pattern.compile("^`ls` 50 files"), Pattern.compile("first prompt|classes before the prompt"),
            Pattern.compile("^`cp` "), Pattern.compile("RSS"), Pattern.compile("Groovy script|`:g"),
            Pattern.compile("^`load` |^`ls -l` of a namespace"));

    private Parts() {
    }

    /** The sections of a file the harness wrote, by number; sections without a run line get the file's date and commit. */
    static Map<Integer, Part> parse(String file) {
        List<String> lines = file.lines().toList();
        String date = null;
        String commit = null;
        Map<Integer, List<List<String>>> rows = new TreeMap<>();
        Map<Integer, StringBuilder> texts = new TreeMap<>();
        boolean inSummary = false;
        boolean withColumn = false;
        StringBuilder current = null;
        for (String line : lines) {
            Matcher d = DATE.matcher(line);
            Matcher c = COMMIT.matcher(line);
            Matcher s = SECTION.matcher(line);
            if (date == null && d.matches()) {
                date = d.group(1);
            } else if (commit == null && c.matches()) {
                commit = c.group(1);
            }
            if (line.startsWith("## ")) {
                inSummary = line.equals("## Summary");
                current = null;
                if (s.matches()) {
                    current = texts.computeIfAbsent(Integer.parseInt(s.group(1)), k -> new StringBuilder());
                }
            }
            if (current != null) {
                current.append(line).append('\n');
            } else if (inSummary && line.startsWith("|")) {
                List<String> cells = cells(line);
                if (cells.get(0).equals("§")) {
                    withColumn = true;
                } else if (!cells.get(0).startsWith("---") && !cells.get(0).equals("Benchmark")) {
                    Integer n = withColumn ? Integer.valueOf(cells.get(0)) : legacyNumber(cells.get(0));
                    if (n != null) {
                        rows.computeIfAbsent(n, k -> new ArrayList<>()).add(withColumn ? cells.subList(1, cells.size()) : cells);
                    }
                }
            }
        }
        Map<Integer, Part> parts = new TreeMap<>();
        String run = date == null ? null : date + ", commit `" + (commit == null ? "?" : commit) + "`";
        texts.forEach((n, t) -> parts.put(n, new Part(n, withRunLine(t.toString(), run), rows.getOrDefault(n, List.of()))));
        return parts;
    }

    /** Puts "Run: …" under the heading unless the text has one (a section of an older file). */
    static String withRunLine(String text, String run) {
        int eol = text.indexOf('\n');
        String rest = text.substring(eol + 1);
        if (run == null || rest.stripLeading().startsWith(RUN_PREFIX)) {
            return text;
        }
        return text.substring(0, eol + 1) + "\n" + RUN_PREFIX + run + ".\n" + rest;
    }

    private static Integer legacyNumber(String benchmark) {
        for (int i = 0; i < LEGACY_ROWS.size(); i++) {
            if (LEGACY_ROWS.get(i).matcher(benchmark).find()) {
                return i + 1;
            }
        }
        return null;
    }

    private static List<String> cells(String row) {
        String inner = row.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        List<String> out = new ArrayList<>();
        for (String c : inner.split("\\|", -1)) {
            out.add(c.strip());
        }
        return out;
    }

    /** This run's parts, and the earlier file's for the sections this run did not measure. */
    static Map<Integer, Part> merge(Map<Integer, Part> earlier, Map<Integer, Part> now) {
        Map<Integer, Part> out = new TreeMap<>(earlier);
        out.putAll(now);
        return out;
    }
}
