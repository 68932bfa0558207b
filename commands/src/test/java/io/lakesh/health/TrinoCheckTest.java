package io.lakesh.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakesh.init.TrinoLocal;
import io.lakesh.testing.Lakesh;
import io.lakesh.testing.TrinoServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `health` on the Trino of `trino.url`: the real server, a port nobody listens on, and a server that never answers. */
class TrinoCheckTest {

    @Test
    void aRunningTrinoIsReachableWithAnActiveNodeAndAnsweredProbe() throws Exception {
        TrinoLocal server = TrinoServer.shared();
        try (Lakesh lakesh = HealthTest.withConf(null, "trino.url = " + server.httpUrl(), "trino.user = lakesh",
                "trino.health.probe = SELECT count(*) FROM tpch.tiny.region")) {
            assertEquals(0, lakesh.run("health --json"), lakesh.err());
            JsonNode report = HealthTest.JSON.readTree(lakesh.out());
            assertEquals("OK", report.get("status").asText(), report.toPrettyString());
            JsonNode reachable = HealthTest.check(report, server.httpUrl(), "reachable");
            assertEquals("trino", reachable.get("component").asText());
            assertTrue(reachable.get("message").asText().startsWith("Trino " + TrinoLocal.VERSION + " answers ("), reachable.toString());
            JsonNode workers = HealthTest.check(report, server.httpUrl(), "active_workers");
            assertEquals(1, workers.get("value").asInt());
            assertEquals("1 active (0 workers and the coordinator) of 1 nodes", workers.get("message").asText());
            JsonNode probe = HealthTest.check(report, server.httpUrl(), "probe_query_millis");
            assertEquals("OK", probe.get("status").asText());
            assertTrue(probe.get("message").asText().startsWith("SELECT count(*) FROM tpch.tiny.region: "), probe.toString());
        }
    }

    @Test
    void aFailingProbeIsCriticalWhileTheCoordinatorIsReachable() throws Exception {
        TrinoLocal server = TrinoServer.shared();
        try (Lakesh lakesh = HealthTest.withConf(null, "trino.url = " + server.httpUrl(), "trino.user = lakesh",
                "trino.health.probe = SELECT * FROM tpch.tiny.no_such_table", "health.active_workers.critical = 1")) {
            assertEquals(2, lakesh.run("health --json"), lakesh.err());
            JsonNode report = HealthTest.JSON.readTree(lakesh.out());
            assertEquals("OK", HealthTest.check(report, server.httpUrl(), "reachable").get("status").asText());
            assertEquals("CRITICAL", HealthTest.check(report, server.httpUrl(), "active_workers").get("status").asText(),
                    "a level of 1 makes the one node critical: levels apply");
            JsonNode probe = HealthTest.check(report, server.httpUrl(), "probe_query_millis");
            assertEquals("CRITICAL", probe.get("status").asText());
            assertTrue(probe.get("message").asText().contains("no_such_table"), probe.toString());
        }
    }

    @Test
    void aStoppedCoordinatorIsCriticalWithTheReasonWithinSeconds() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String url = "http://127.0.0.1:" + port;
        try (Lakesh lakesh = HealthTest.withConf(null, "trino.url = " + url)) {
            long start = System.nanoTime();
            assertEquals(2, lakesh.run("health --json"), lakesh.err());
            long millis = (System.nanoTime() - start) / 1_000_000;
            JsonNode report = HealthTest.JSON.readTree(lakesh.out());
            JsonNode reachable = HealthTest.check(report, url, "reachable");
            assertEquals("CRITICAL", reachable.get("status").asText());
            assertEquals("cannot reach Trino at " + url + " (connection refused; is the coordinator running? trino.url in lakesh.conf says where)",
                    reachable.get("message").asText());
            assertEquals(1, report.get("checks").findValuesAsText("component").stream().filter("trino"::equals).count(),
                    "nothing else is asked of a coordinator that is not there");
            assertTrue(millis < 5000, "took " + millis + " ms");
        }
    }

    @Test
    void aCoordinatorThatNeverAnswersIsCriticalAtTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            try (Lakesh lakesh = HealthTest.withConf(null, "trino.url = " + url, "health.timeout = 2")) {
                long start = System.nanoTime();
                assertEquals(2, lakesh.run("health --json"), lakesh.err());
                long millis = (System.nanoTime() - start) / 1_000_000;
                JsonNode reachable = HealthTest.check(HealthTest.JSON.readTree(lakesh.out()), url, "reachable");
                assertEquals("CRITICAL", reachable.get("status").asText());
                assertEquals("no answer within 2.0 s (health.timeout in lakesh.conf)", reachable.get("message").asText());
                assertTrue(millis < 6000, "took " + millis + " ms");
            }
        }
    }
}
