package io.lakesh.delta;

import io.delta.kernel.TableManager;
import io.delta.kernel.Transaction;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableAlreadyExistsException;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.transaction.DataLayoutSpec;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterable;
import io.lakesh.LakeshException;
import io.lakesh.namespace.Location;
import io.lakesh.namespace.Namespace;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * `create table <dir> (…) --format delta`: version 0 of a new Delta table (schema, partition columns,
 * properties), committed by the kernel through {@link DeltaCommitter}. Columns are parsed once, by the
 * Iceberg table definition parser, and converted here, so both formats read the same column syntax.
 */
public final class DeltaCreate {
    private DeltaCreate() {
    }

    /** Where a new Delta table may go: a directory of a file-system mount, not yet a table. */
    public static Location target(Namespace ns, String path) throws IOException {
        Location l = ns.resolve(path);
        if (l.isVirtual() || ns.absolute(path).startsWith(Namespace.ICEBERG + "/")) {
            throw new LakeshException("'" + path + "': a Delta table is a directory of a file system (e.g. /local/t or /hdfs/t); "
                    + "tables under " + Namespace.ICEBERG + " are Iceberg tables");
        }
        if (l.store().exists(l.storePath() + "/_delta_log")) {
            throw new LakeshException("'" + l.display() + "' is already a Delta table (drop it first, or load into it)");
        }
        if (l.store().exists(l.storePath()) && !l.store().list(l.storePath()).isEmpty()) {
            throw new LakeshException("'" + l.display() + "' is a directory that is not empty; a new Delta table needs a new or empty directory");
        }
        return l;
    }

    /** Commits version 0 and returns the new table. */
    public static DeltaTables.Ref create(Namespace ns, String path, StructType schema, List<String> partitionColumns,
                                         Map<String, String> properties) throws IOException {
        Location l = target(ns, path);
        for (String p : partitionColumns) {
            if (schema.fieldNames().stream().noneMatch(n -> n.equals(p))) {
                throw new LakeshException("partition column '" + p + "' is not a column (columns: " + String.join(", ", schema.fieldNames()) + ")");
            }
        }
        Engine engine = DeltaTables.engine(ns);
        try {
            Transaction txn = TableManager.buildCreateTableTransaction(l.uri(), schema, "lakesh")
                    .withDataLayoutSpec(partitionColumns.isEmpty() ? DataLayoutSpec.noDataLayout()
                            : DataLayoutSpec.partitioned(partitionColumns.stream().map(Column::new).toList()))
                    .withTableProperties(properties)
                    .withCommitter(new DeltaCommitter(l))
                    .build(engine);
            txn.commit(engine, CloseableIterable.emptyIterable());
        } catch (TableAlreadyExistsException e) {
            throw new LakeshException("'" + l.display() + "' was created as a Delta table by another writer meanwhile; nothing was committed");
        } catch (RuntimeException e) {
            throw DeltaTables.failure(l, e);
        }
        return DeltaTables.resolve(ns, l.display());
    }

    /** A Delta schema of the same columns (names, types, nullability) as an Iceberg schema. */
    public static StructType schema(Schema iceberg) {
        StructType out = new StructType();
        for (Types.NestedField f : iceberg.columns()) {
            out = out.add(f.name(), type(f.type(), f.name()), f.isOptional());
        }
        return out;
    }

    public static DataType type(Type t, String column) {
        return switch (t.typeId()) {
            case BOOLEAN -> BooleanType.BOOLEAN;
            case INTEGER -> IntegerType.INTEGER;
            case LONG -> LongType.LONG;
            case FLOAT -> FloatType.FLOAT;
            case DOUBLE -> DoubleType.DOUBLE;
            case DECIMAL -> new DecimalType(((Types.DecimalType) t).precision(), ((Types.DecimalType) t).scale());
            case STRING -> StringType.STRING;
            case DATE -> DateType.DATE;
            case TIMESTAMP -> ((Types.TimestampType) t).shouldAdjustToUTC() ? TimestampType.TIMESTAMP : TimestampNTZType.TIMESTAMP_NTZ;
            case BINARY, FIXED -> BinaryType.BINARY;
            default -> throw new LakeshException("column '" + column + "' is " + t.toString().toLowerCase(Locale.ROOT)
                    + ", which a Delta table cannot hold (Delta has no " + t.typeId().toString().toLowerCase(Locale.ROOT) + " type); use string");
        };
    }
}
