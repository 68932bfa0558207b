package io.lakesh.sql;

import io.lakesh.LakeshException;
import io.lakesh.command.CommandContext;
import io.lakesh.namespace.Location;
import io.lakesh.namespace.Namespace;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Parquet data files that DuckDB writes for one table commit, Iceberg's or Delta's: `COPY … TO` a local
 * staging directory (columns cast to the table's types, named as the files name them, optionally with field
 * ids and split into Hive partition directories), then each file uploaded where the table keeps it. Closing a
 * batch that was not committed removes every file it uploaded: nothing is half-written.
 */
final class ParquetBatch implements AutoCloseable {
    /** A column of the files: the name in the Parquet file, its DuckDB type, and its field id (null: none). */
    record FileColumn(String name, String duckType, Integer fieldId) {
    }

    /** How the files are laid out: codec, target size (without partitions), Hive partition columns, sort order. */
    record Layout(String codec, long targetSize, List<String> partitionColumns, boolean writePartitionColumns, String orderBy) {
        Layout {
            codec = codec.toLowerCase(Locale.ROOT);
            if (!List.of("zstd", "snappy", "gzip", "uncompressed", "brotli", "lz4").contains(codec)) {
                codec = "zstd";
            }
        }
    }

    /** Removes an uploaded file again. */
    interface Remover {
        void remove(String location) throws IOException;
    }

    private final CommandContext ctx;
    private final String operation;
    private final Remover remover;
    private final String name = "lakesh-" + UUID.randomUUID();
    private final Path staging;
    private final List<String> written = new ArrayList<>();
    private int round;
    private boolean committed;

    ParquetBatch(CommandContext ctx, String operation, Remover remover) throws IOException {
        this.ctx = ctx;
        this.operation = operation;
        this.remover = remover;
        this.staging = ctx.namespace().home().dir().resolve("tmp").resolve(name);
        Files.createDirectories(staging);
    }

    /**
     * Runs the prepared query into Parquet files of {@code columns} (the query's columns by position) and
     * returns the directory they were staged in; {@link #files(Path)} lists them.
     */
    Path copy(DuckEngine.Preparer preparer, List<FileColumn> columns, Layout layout) throws IOException {
        Path out = staging.resolve(Integer.toString(round++));
        String pattern = name + "-" + round;
        DuckEngine.of(ctx.namespace()).run(preparer, ctx, (rewritten, given) -> {
            if (given.size() != columns.size()) {
                throw new LakeshException("the query gives " + given.size() + " columns, the table has " + columns.size()
                        + " (" + columns.stream().map(FileColumn::name).collect(Collectors.joining(", ")) + ")");
            }
            return copyStatement(columns, layout, rewritten, out, pattern);
        });
        return out;
    }

    /** The Parquet files under a staged directory, in name order. */
    static List<Path> files(Path out) throws IOException {
        if (!Files.exists(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".parquet")).sorted(Comparator.naturalOrder()).toList();
        }
    }

    private static String copyStatement(List<FileColumn> columns, Layout layout, String rewritten, Path out, String pattern) {
        StringBuilder select = new StringBuilder("SELECT ");
        StringBuilder aliases = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            FileColumn c = columns.get(i);
            select.append(i == 0 ? "" : ", ").append("CAST(lakesh_c").append(i).append(" AS ").append(c.duckType())
                    .append(") AS ").append(DuckTypes.quote(c.name()));
            aliases.append(i == 0 ? "" : ", ").append("lakesh_c").append(i);
        }
        select.append(" FROM (").append(rewritten).append(") AS lakesh_src(").append(aliases).append(")");
        if (layout.orderBy() != null) {
            select.append(" ORDER BY ").append(layout.orderBy());
        }
        StringBuilder options = new StringBuilder("FORMAT parquet");
        if (columns.stream().allMatch(c -> c.fieldId() != null)) {
            options.append(", FIELD_IDS {").append(columns.stream().map(c -> DuckTypes.quote(c.name()) + ": " + c.fieldId())
                    .collect(Collectors.joining(", "))).append("}");
        }
        options.append(", COMPRESSION ").append(layout.codec()).append(", FILENAME_PATTERN '").append(pattern).append("-{i}'");
        if (layout.partitionColumns().isEmpty()) {
            options.append(", FILE_SIZE_BYTES ").append(layout.targetSize()); // DuckDB splits files by size only without PARTITION_BY
        } else {
            options.append(", PARTITION_BY (").append(layout.partitionColumns().stream().map(DuckTypes::quote).collect(Collectors.joining(", ")))
                    .append(")");
            if (layout.writePartitionColumns()) {
                options.append(", WRITE_PARTITION_COLUMNS true");
            }
        }
        return "COPY (" + select + ") TO " + DuckTypes.literal(out.toString()) + " (" + options + ")";
    }

    /** Uploads a staged file to {@code target} (a URI or path of the namespace); removed again unless committed. */
    void upload(Path local, String target) throws IOException {
        written.add(target);
        if (target.startsWith("file:") || target.startsWith("/")) {
            Path dest = target.startsWith("file:") ? Path.of(java.net.URI.create(target)) : Path.of(target);
            Files.createDirectories(dest.getParent());
            Files.copy(local, dest);
            return;
        }
        upload(local, ctx.namespace().resolve(target));
    }

    /** Uploads a staged file into a store (the caller removes it on failure through the remover). */
    static void upload(Path local, Location target) throws IOException {
        try (InputStream in = Files.newInputStream(local); OutputStream out = target.store().create(target.storePath(), false)) {
            in.transferTo(out);
        }
    }

    /** Uploads a staged file into a store; removed again unless committed. */
    void upload(Path local, Location target, String location) throws IOException {
        written.add(location);
        upload(local, target);
    }

    Namespace namespace() {
        return ctx.namespace();
    }

    void committed() {
        committed = true;
    }

    @Override
    public void close() {
        if (!committed) {
            for (String location : written) {
                try {
                    remover.remove(location);
                } catch (IOException | RuntimeException e) {
                    ctx.err().println(operation + ": could not remove " + location + ": " + e.getMessage());
                }
            }
        }
        try (Stream<Path> s = Files.walk(staging)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a staging directory left behind holds nothing committed; $LAKESH_HOME/tmp may be emptied any time
        }
    }
}
