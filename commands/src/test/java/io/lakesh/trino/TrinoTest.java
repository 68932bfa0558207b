package io.lakesh.trino;

import io.lakesh.sql.TrinoEngine;
import io.lakesh.testing.Lakesh;
import io.lakesh.testing.TrinoServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `trino …` and `\engine trino` against a real Trino 476 (started once per test JVM). */
class TrinoTest {

    @Test
    void trinoCountsTheNationsOfTpchTiny() {
        try (Lakesh lakesh = TrinoServer.connect(Lakesh.inTempHome())) {
            assertEquals("> \\format csv\nformat: csv\n"
                            + "> trino select count(*) as n from tpch.tiny.nation\nn\n25\n",
                    lakesh.transcript("\\format csv", "trino select count(*) as n from tpch.tiny.nation"));
        }
    }

    @Test
    void anUnquotedStatementKeepsItsSqlLiteralsAndEndsAtItsSemicolon() {
        try (Lakesh lakesh = TrinoServer.connect(Lakesh.inTempHome())) {
            assertEquals("> \\format csv\nformat: csv\n"
                            + "> trino select 'it''s' as s, date '1998-12-01' - interval '90' day as d; pwd\ns,d\nit's,1998-09-02\n/local\n",
                    lakesh.transcript("\\format csv", "trino select 'it''s' as s, date '1998-12-01' - interval '90' day as d; pwd"));
        }
    }

    @Test
    void trinoAndDuckdbGiveTheSameRowsForTheSameQuery() throws Exception {
        try (Lakesh lakesh = TrinoServer.connect(Lakesh.inTempHome())) {
            // Trino's rows of tpch.tiny.nation become a CSV file that DuckDB reads
            assertEquals(0, lakesh.run("trino 'select nationkey, name, regionkey from tpch.tiny.nation' --format csv"), lakesh.err());
            Path csv = lakesh.home().resolve("nation.csv");
            Files.writeString(csv, lakesh.out());
            String query = "select regionkey, count(*) as n, sum(nationkey) as keys, min(name) as first from %s group by regionkey order by regionkey";
            assertEquals(0, lakesh.run("\\format csv"), lakesh.err());
            lakesh.out();
            assertEquals(0, lakesh.run("trino " + query.formatted("tpch.tiny.nation")), lakesh.err());
            String trino = lakesh.out();
            assertEquals(0, lakesh.run(query.formatted("'" + csv + "'") + ";"), lakesh.err());
            String duckdb = lakesh.out();
            assertEquals(trino, duckdb);
            assertEquals(6, trino.lines().count(), trino); // header and the 5 regions
        }
    }

    @Test
    void afterEngineTrinoStatementsAtThePromptGoToTrino() {
        try (Lakesh lakesh = TrinoServer.connect(Lakesh.inTempHome())) {
            assertEquals("> \\format csv\nformat: csv\n"
                            + "> \\engine trino\nengine: trino\n"
                            + "> select count(*) as n from tpch.tiny.region;\nn\n5\n"
                            + "> \\engine duckdb\nengine: duckdb\n"
                            + "> select count(*) as n from range(3);\nn\n3\n",
                    lakesh.transcript("\\format csv", "\\engine trino", "select count(*) as n from tpch.tiny.region;",
                            "\\engine duckdb", "select count(*) as n from range(3);"));
        }
    }

    @Test
    void aRunningQueryShowsTrinosStatsOnTheStatusLine() {
        try (Lakesh lakesh = TrinoServer.connect(Lakesh.inTempHome())) {
            java.util.List<String> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
            lakesh.runner().context().progress((label, bytes, items) -> new io.lakesh.command.Progress() {
                @Override
                public void advance(long b) {
                }

                @Override
                public void status(String text) {
                    statuses.add(text);
                }

                @Override
                public void itemDone() {
                }

                @Override
                public void close() {
                }
            });
            // sf1 lineitem: 6 million generated rows, a few seconds here
            assertEquals(0, lakesh.run("trino 'select count(*) as n from tpch.sf1.lineitem' --format csv"), lakesh.err());
            assertEquals("n\n6001215\n", lakesh.out());
            assertTrue(statuses.stream().anyMatch(s -> s.matches("RUNNING( +\\d+%)?  [\\d,]+/[\\d,]+ splits  [\\d,]+ rows  .*B  \\d+\\.\\d s")),
                    statuses.toString());
        }
    }

    @Test
    void ctrlCCancelsTheQueryOnTheServer() throws Exception {
        try (Lakesh lakesh = TrinoServer.connect(Lakesh.inTempHome())) {
            AtomicInteger status = new AtomicInteger(-1);
            // sf1000 lineitem is 6 billion generated rows: it runs far longer than this test waits
            Thread command = new Thread(() -> status.set(lakesh.run("trino select count(*) from tpch.sf1000.lineitem")));
            command.start();
            TrinoEngine engine = TrinoEngine.of(lakesh.namespace());
            String queryId = null;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline && !"RUNNING".equals(queryId == null ? null : stateOf(queryId))) {
                queryId = engine.lastQueryId();
                Thread.sleep(200);
            }
            assertEquals("RUNNING", stateOf(queryId), "query " + queryId + " never ran");
            long interrupted = System.nanoTime();
            command.interrupt();
            command.join(15_000);
            assertEquals(1, status.get(), "the command did not end on Ctrl-C");
            assertTrue((System.nanoTime() - interrupted) / 1_000_000 < 10_000, "cancel took too long");
            assertEquals("trino: cancelled\n", lakesh.err());
            String state = stateOf(queryId);
            for (int i = 0; i < 50 && !"FAILED".equals(state); i++) {
                Thread.sleep(200);
                state = stateOf(queryId);
            }
            assertEquals("FAILED USER_CANCELED", state + " " + errorOf(queryId));
        }
    }

    private static String stateOf(String queryId) throws Exception {
        return column(queryId, "state");
    }

    private static String errorOf(String queryId) throws Exception {
        return column(queryId, "error_code");
    }

    private static String column(String queryId, String column) throws Exception {
        if (queryId == null) {
            return null;
        }
        try (Connection c = TrinoServer.jdbc();
             PreparedStatement s = c.prepareStatement("select " + column + " from system.runtime.queries where query_id = ?")) {
            s.setString(1, queryId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void aFailingQueryGivesTrinosMessageAndErrorCodeInOneLine() {
        try (Lakesh lakesh = TrinoServer.connect(Lakesh.inTempHome())) {
            assertEquals(1, lakesh.run("trino select * from tpch.tiny.nope"));
            String err = lakesh.err();
            assertTrue(err.startsWith("trino: line 1:15: Table 'tpch.tiny.nope' does not exist (error code "), err);
            assertEquals(1, err.lines().count(), err);
            assertEquals(1, lakesh.run("trino select nokey from tpch.tiny.nation"));
            err = lakesh.err();
            assertTrue(err.startsWith("trino: line 1:8: Column 'nokey' cannot be resolved (error code "), err);
        }
    }

    @Test
    void aStoppedTrinoIsOneLineWithinFiveSeconds() throws Exception {
        int unused;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unused = s.getLocalPort();
        }
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            lakesh.namespace().config().set("trino.url", "http://127.0.0.1:" + unused);
            long started = System.nanoTime();
            assertEquals(1, lakesh.run("trino select 1"));
            long millis = (System.nanoTime() - started) / 1_000_000;
            String err = lakesh.err();
            assertTrue(err.startsWith("trino: cannot reach Trino at http://127.0.0.1:" + unused + " (connection refused"), err);
            assertEquals(1, err.lines().count(), err);
            assertTrue(millis < 5000, millis + " ms");
        }
    }

    @Test
    void aWebServerThatIsNotTrinoIsNamedAsSuch() throws Exception {
        // a plain HTTP server where trino.url points: the wrong port of some other service
        com.sun.net.httpserver.HttpServer web = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        web.start();
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            String url = "http://127.0.0.1:" + web.getAddress().getPort();
            lakesh.namespace().config().set("trino.url", url);
            assertEquals(1, lakesh.run("trino select 1"));
            assertEquals("trino: the server at " + url + " answered HTTP 404 where a Trino coordinator was expected: check trino.url in lakesh.conf\n",
                    lakesh.err());
        } finally {
            web.stop(0);
        }
    }

    @Test
    void aPasswordLoginWorksOverTlsAndAWrongOneIsOneLineWithoutThePassword() {
        String url = TrinoServer.shared().httpsUrl();
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            loginAs(lakesh, url, TrinoServer.PASSWORD);
            assertEquals("> trino 'select 7 as n' --format csv\nn\n7\n", lakesh.transcript("trino 'select 7 as n' --format csv"));
        }
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            loginAs(lakesh, url, "wrong-password-17");
            assertEquals(1, lakesh.run("trino select 7"));
            String err = lakesh.err();
            assertEquals("trino: authentication failed at Trino " + url + " as '" + TrinoServer.PASSWORD_USER
                    + "': check trino.user and trino.password in lakesh.conf\n", err);
            assertTrue(!err.contains("wrong-password-17") && !lakesh.out().contains("wrong-password-17"));
        }
    }

    private static void loginAs(Lakesh lakesh, String httpsUrl, String password) {
        lakesh.namespace().config().set("trino.url", httpsUrl);
        lakesh.namespace().config().set("trino.user", TrinoServer.PASSWORD_USER);
        lakesh.namespace().config().set("trino.password", password);
        lakesh.namespace().config().set("trino.ssl.verification", "NONE"); // the test server's certificate is self-signed
    }

    @Test
    void withoutTrinoUrlTheErrorSaysWhatToSet() {
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            assertEquals(1, lakesh.run("trino select 1"));
            assertEquals("trino: no Trino configured: set trino.url in lakesh.conf (e.g. trino.url = http://coordinator:8080)\n", lakesh.err());
        }
    }
}
