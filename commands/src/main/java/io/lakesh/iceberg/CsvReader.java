package io.lakesh.iceberg;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: quoted fields with "" escapes and line breaks; one record at a time. */
public final class CsvReader {
    private final Reader in;
    private int peeked = -2;
    private long line = 1;

    public CsvReader(Reader in) {
        this.in = in;
    }

    /** The line the next record starts on (for error messages). */
    long line() {
        return line;
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }

    /** The next record's fields, or null at the end. */
    public List<String> next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (c == -1) {
                fields.add(field.toString());
                return fields;
            }
            if (quoted) {
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        peeked = n;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r') {
                // CRLF line ends: the \n that follows ends the record
            } else if (c == '\n') {
                line++;
                fields.add(field.toString());
                return fields;
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }
}
