package io.lakesh.delta;

import io.delta.kernel.Scan;
import io.delta.kernel.ScanBuilder;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.expressions.PredicateEvaluator;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.lakesh.command.CancelledException;
import io.lakesh.iceberg.Values;
import io.lakesh.output.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Rows of a Delta snapshot through the kernel's own scan and Parquet reader: {@code transformPhysicalData}
 * applies deletion vectors, column mapping and partition values. Like Iceberg's generic reader it is
 * exact, and will be the oracle of the DuckDB read path.
 */
public final class DeltaRows {
    private DeltaRows() {
    }

    /** Sees one selected row; false stops the scan. */
    private interface RowSink {
        boolean accept(ColumnarBatch batch, int row);
    }

    /** The first {@code limit} rows matching a `--where` (null: all), columns as in the schema. */
    public static Table head(DeltaTables.Ref ref, int limit, String where) {
        StructType schema = ref.snapshot().getSchema();
        Table out = new Table(schema.fieldNames());
        if (limit == 0) {
            return out;
        }
        scan(ref, where, (batch, row) -> {
            Object[] values = new Object[schema.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = Values.display(DeltaValues.value(batch.getColumnVector(i), row));
            }
            out.add(values);
            return out.rows().size() < limit;
        });
        return out;
    }

    /**
     * Exact row count. Without a filter and without deletion vectors the stats of the add files say it;
     * otherwise (or when a file has no stats) the rows are read.
     */
    public static long count(DeltaTables.Ref ref, List<DeltaFiles.DataFile> files, String where) {
        if (where == null && files.stream().allMatch(f -> f.records() != null && f.deletionVector() == null)) {
            return files.stream().mapToLong(DeltaFiles.DataFile::records).sum();
        }
        long[] n = {0};
        scan(ref, where, (batch, row) -> {
            if ((++n[0] & 0xFFFF) == 0) {
                CancelledException.check();
            }
            return true;
        });
        return n[0];
    }

    private static void scan(DeltaTables.Ref ref, String where, RowSink sink) {
        Predicate filter = where == null ? null : DeltaFilters.predicate(where, ref.snapshot().getSchema());
        ref.read(() -> {
            ScanBuilder builder = ref.snapshot().getScanBuilder();
            // the filter prunes files by partition values and stats; rows are filtered exactly below
            Predicate skipping = DeltaFilters.forSkipping(filter, ref.snapshot().getSchema());
            Scan scan = (skipping == null ? builder : builder.withFilter(skipping)).build();
            Row state = scan.getScanState(ref.engine());
            StructType physical = ScanStateRow.getPhysicalDataReadSchema(state);
            try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(ref.engine())) {
                while (files.hasNext()) {
                    try (CloseableIterator<Row> scanFiles = files.next().getRows()) {
                        while (scanFiles.hasNext()) {
                            CancelledException.check();
                            if (!readFile(ref, state, scanFiles.next(), physical, filter, sink)) {
                                return null;
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    private static boolean readFile(DeltaTables.Ref ref, Row state, Row scanFile, StructType physical, Predicate filter,
                                    RowSink sink) throws IOException {
        CloseableIterator<ColumnarBatch> physicalData = ref.engine().getParquetHandler()
                .readParquetFiles(Utils.singletonCloseableIterator(InternalScanFileUtils.getAddFileStatus(scanFile)),
                        physical, Optional.empty())
                .map(FileReadResult::getData);
        PredicateEvaluator evaluator = null;
        try (CloseableIterator<FilteredColumnarBatch> logical = io.delta.kernel.Scan.transformPhysicalData(
                ref.engine(), state, scanFile, physicalData)) {
            while (logical.hasNext()) {
                FilteredColumnarBatch batch = logical.next();
                Optional<ColumnVector> selection = batch.getSelectionVector();
                if (filter != null) {
                    if (evaluator == null) {
                        evaluator = ref.engine().getExpressionHandler().getPredicateEvaluator(batch.getData().getSchema(), filter);
                    }
                    selection = Optional.of(evaluator.eval(batch.getData(), selection));
                }
                ColumnVector selected = selection.orElse(null);
                for (int row = 0; row < batch.getData().getSize(); row++) {
                    if (selected != null && (selected.isNullAt(row) || !selected.getBoolean(row))) {
                        continue;
                    }
                    if (!sink.accept(batch.getData(), row)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
