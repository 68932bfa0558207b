package io.lakesh.shell;

import io.lakesh.config.LakeshHome;
import io.lakesh.init.TrinoLocal;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `lakefs-init/trino-local.groovy`: start (twice), query, status, stop, against the real Trino it starts. */
class TrinoRecipeTest {
    static final Path ROOT = Path.of(System.getProperty("lakesh.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void startIsIdempotentAndStopStopsTheServer() throws Exception {
        try {
            TrinoLocal.findJava();
            TrinoLocal.install(TrinoLocal.localRepository()); // the recipe's own first step; here it can skip instead of fail
        } catch (TrinoLocal.Unavailable e) {
            Assumptions.abort("skipped: " + e.getMessage());
        }
        LakeshHome home = new LakeshHome(dir.resolve("home")).ensureCreated();
        String recipe = ROOT.resolve("lakefs-init/trino-local.groovy").toString();
        try {
            MainRun start = MainRun.of(home, "", "-f", recipe, "start");
            assertEquals(0, start.status(), start.err());
            assertTrue(start.out().matches("(?s)Trino 476 started \\(pid \\d+\\) at http://127\\.0\\.0\\.1:\\d+ in \\d+ ms; trino\\.url set in lakesh\\.conf\\n"), start.out());
            String url = Files.readString(home.config()).replaceAll("(?s).*trino\\.url = (\\S+).*", "$1");
            assertTrue(url.startsWith("http://127.0.0.1:"), url);

            MainRun again = MainRun.of(home, "", "-f", recipe, "start");
            assertEquals(0, again.status(), again.err());
            assertTrue(again.out().startsWith("Trino is running (pid ") && again.out().contains(" at " + url), again.out());

            MainRun query = MainRun.of(home, "", "-c", "\\format csv; trino select count(*) as n from tpch.tiny.nation");
            assertEquals(0, query.status(), query.err());
            assertEquals("format: csv\nn\n25\n", query.out());

            assertEquals(0, MainRun.of(home, "", "-f", recipe, "status").status());
            MainRun stop = MainRun.of(home, "", "-f", recipe, "stop");
            assertEquals(0, stop.status(), stop.err());
            assertTrue(stop.out().matches("Trino \\(pid \\d+\\) stopped\\n"), stop.out());
            MainRun status = MainRun.of(home, "", "-f", recipe, "status");
            assertEquals(1, status.status());
            assertEquals("Trino is not running\n", status.out());
        } finally {
            MainRun.of(home, "", "-f", recipe, "stop"); // never leave a server behind a failed assertion
        }
    }
}
