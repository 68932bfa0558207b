package io.lakesh.sql;

import io.lakesh.LakeshException;
import io.lakesh.namespace.Location;
import io.lakesh.namespace.Namespace;
import io.lakesh.store.FileEntry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plain data files as a relation: Parquet, CSV, TSV or JSON by their extension; a directory means the
 * data files below it. Remote files are read through the cache.
 */
final class FileRelation {
    private FileRelation() {
    }

    static String build(QueryBuild q, Namespace ns, String typed, List<Location> locations) throws IOException {
        List<FileCache.RemoteFile> files = new ArrayList<>();
        for (Location l : locations) {
            FileEntry e = ns.statPlain(l);
            if (e.isDirectory()) {
                collect(ns, l, files);
            } else {
                files.add(new FileCache.RemoteFile(l.uri(), e.length()));
            }
        }
        if (files.isEmpty()) {
            throw new LakeshException("'" + typed + "' holds no data files (.parquet, .csv, .tsv, .json)");
        }
        String format = format(files.get(0).uri());
        if (format.isEmpty()) {
            throw new LakeshException("'" + typed + "' is not a data file lakesh reads by name; name .parquet, .csv, .tsv or .json files");
        }
        for (FileCache.RemoteFile f : files) {
            if (!format(f.uri()).equals(format)) {
                throw new LakeshException("'" + typed + "' mixes " + format + " and " + format(f.uri())
                        + " files; name one kind, e.g. '" + typed + "/*.parquet'");
            }
        }
        q.note(typed + ": " + files.size() + " " + format + " file" + (files.size() == 1 ? "" : "s"));
        List<String> local = new ArrayList<>(q.fetch(files).values());
        String list = DuckTypes.list(local);
        return switch (format) {
            case "parquet" -> "SELECT * FROM read_parquet(" + list + (local.size() > 1 ? ", union_by_name = true" : "") + ")";
            case "csv" -> "SELECT * FROM read_csv(" + list + (local.size() > 1 ? ", union_by_name = true" : "") + ")";
            case "tsv" -> "SELECT * FROM read_csv(" + list + ", delim = '\\t'" + (local.size() > 1 ? ", union_by_name = true" : "") + ")";
            default -> "SELECT * FROM read_json(" + list + (local.size() > 1 ? ", union_by_name = true" : "") + ")";
        };
    }

    private static void collect(Namespace ns, Location dir, List<FileCache.RemoteFile> out) throws IOException {
        for (FileEntry e : dir.store().list(dir.storePath())) {
            String name = e.name();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue; // _SUCCESS, _delta_log, .crc files: not data
            }
            Location child = dir.descendant(e.path());
            if (e.isDirectory()) {
                collect(ns, child, out);
            } else if (!format(name).isEmpty()) {
                out.add(new FileCache.RemoteFile(child.uri(), e.length()));
            }
        }
    }

    /** parquet, csv, tsv or json by extension (also .csv.gz), or "" for other files. */
    static String format(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceFirst("\\.(gz|zst)$", "");
        if (n.endsWith(".parquet") || n.endsWith(".parq")) {
            return "parquet";
        }
        if (n.endsWith(".csv")) {
            return "csv";
        }
        if (n.endsWith(".tsv")) {
            return "tsv";
        }
        if (n.endsWith(".json") || n.endsWith(".ndjson") || n.endsWith(".jsonl")) {
            return "json";
        }
        return "";
    }
}
