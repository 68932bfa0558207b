package io.lakesh.output;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each printer against exact expected text. */
class PrintersTest {
    private static final PrintOptions UTC = new PrintOptions(false, ZoneOffset.UTC, 0);

    private static Table sample() {
        return Table.of("name", "size", "modified", "note")
                .add("a.parquet", new Bytes(1536), Instant.parse("2026-11-24T10:15:30Z"), null)
                .add("b, \"quoted\"", new Bytes(12), Instant.parse("2026-01-02T03:04:05Z"), "tab\there");
    }

    private static String print(OutputFormat f, Table t, PrintOptions o) {
        StringWriter w = new StringWriter();
        f.printer().print(t, new PrintWriter(w), o);
        return w.toString();
    }

    @Test
    void alignedTableRightAlignsNumbersAndShowsNull() {
        assertEquals("""
                name         size  modified          note
                a.parquet    1536  2026-11-24 10:15  NULL
                b, "quoted"    12  2026-01-02 03:04  tab\there
                """, print(OutputFormat.TABLE, sample(), UTC));
    }

    @Test
    void humanSizesOnlyWhenAsked() {
        String out = print(OutputFormat.TABLE, sample(), UTC.withHumanSizes(true));
        assertEquals("a.parquet    1.5 KiB  2026-11-24 10:15  NULL", out.lines().toList().get(1));
        assertEquals("a.parquet,1536,2026-11-24T10:15:30Z,", print(OutputFormat.CSV, sample(), UTC.withHumanSizes(true)).lines().toList().get(1));
    }

    @Test
    void tooWideForTheTerminalFallsBackToVertical() {
        assertEquals(print(OutputFormat.VERTICAL, sample(), UTC), print(OutputFormat.TABLE, sample(), UTC.withWidth(20)));
    }

    @Test
    void verticalPrintsOneBlockPerRow() {
        assertEquals("""
                -[ RECORD 1 ]
                name     | a.parquet
                size     | 1536
                modified | 2026-11-24 10:15
                note     | NULL
                -[ RECORD 2 ]
                name     | b, "quoted"
                size     | 12
                modified | 2026-01-02 03:04
                note     | tab\there
                """, print(OutputFormat.VERTICAL, sample(), UTC));
    }

    @Test
    void csvQuotesAndTsvEscapes() {
        assertEquals("""
                name,size,modified,note
                a.parquet,1536,2026-11-24T10:15:30Z,
                "b, ""quoted\""",12,2026-01-02T03:04:05Z,tab\there
                """, print(OutputFormat.CSV, sample(), UTC));
        assertEquals("""
                name\tsize\tmodified\tnote
                a.parquet\t1536\t2026-11-24T10:15:30Z\t
                b, "quoted"\t12\t2026-01-02T03:04:05Z\ttab\\there
                """, print(OutputFormat.TSV, sample(), UTC));
    }

    @Test
    void jsonKeepsTypes() {
        assertEquals("""
                [
                  {"name": "a.parquet", "size": 1536, "modified": "2026-11-24T10:15:30Z", "note": null},
                  {"name": "b, \\"quoted\\"", "size": 12, "modified": "2026-01-02T03:04:05Z", "note": "tab\\there"}
                ]
                """, print(OutputFormat.JSON, sample(), UTC));
        assertEquals("[]\n", print(OutputFormat.JSON, Table.of("x"), UTC));
    }

    @Test
    void markdownAlignsNumericColumnsRight() {
        assertEquals("""
                | name | size | modified | note |
                | --- | ---: | --- | --- |
                | a.parquet | 1536 | 2026-11-24 10:15 | NULL |
                | b, "quoted" | 12 | 2026-01-02 03:04 | tab\there |
                """, print(OutputFormat.MARKDOWN, sample(), UTC));
    }

    @Test
    void bytesReadLikePeopleWriteThem() {
        assertEquals("0 B", new Bytes(0).human());
        assertEquals("1023 B", new Bytes(1023).human());
        assertEquals("1.0 KiB", new Bytes(1024).human());
        assertEquals("12.4 MiB", new Bytes(13_002_342).human());
        assertEquals("150 GiB", new Bytes(150L << 30).human());
    }
}
