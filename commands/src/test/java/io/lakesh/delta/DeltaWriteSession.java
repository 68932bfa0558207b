package io.lakesh.delta;

import io.lakesh.testing.Lakesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A lakesh session in a temporary home for the Delta write tests, and what they read back with. */
abstract class DeltaWriteSession {
    Lakesh lakesh;

    @BeforeEach
    void setUp() {
        lakesh = Lakesh.inTempHome();
        lakesh.runner().context().debug(Boolean.getBoolean("lakesh.debug"));
    }

    @AfterEach
    void close() {
        lakesh.close();
    }

    Path table(String name) {
        return lakesh.warehouse().resolve(name);
    }

    /** The rows the kernel's own reader reads (`head`), as sorted CSV lines without the header. */
    Set<String> kernelRows(String table) {
        lakesh.out();
        assertEquals(0, lakesh.run("head -n 1000000 --format csv " + table), lakesh.err());
        return new TreeSet<>(lakesh.out().lines().skip(1).toList());
    }

    Path csv(String name, String text) throws Exception {
        Path f = lakesh.home().resolve(name);
        Files.writeString(f, text);
        return f;
    }

    static List<Path> parquetFiles(Path table) throws Exception {
        try (Stream<Path> s = Files.walk(table)) {
            return s.filter(f -> f.toString().endsWith(".parquet") && !f.toString().contains("_delta_log")).toList();
        }
    }
}
