package io.lakesh.testing;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PostgreSQL helper itself: a real server on 127.0.0.1, and no server left behind by a killed test JVM. */
class PostgresServerTest {

    @Test
    void theSharedServerAnswersWithPasswordAuthentication() throws Exception {
        PostgresServer pg = PostgresServer.shared();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), PostgresServer.USER, PostgresServer.PASSWORD);
             ResultSet r = c.createStatement().executeQuery("show server_version")) {
            assertTrue(r.next());
            assertTrue(r.getString(1).matches("\\d+\\.\\d+.*"), r.getString(1));
        }
        assertThrows(java.sql.SQLException.class,
                () -> DriverManager.getConnection(pg.jdbcUrl("postgres"), PostgresServer.USER, "wrong").close());
    }

    @Test
    void aServerLeftByAKilledJvmIsStoppedByTheNextOne() throws Exception {
        PostgresServer.shared(); // skips where PostgreSQL cannot run
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path target = Path.of("target").toAbsolutePath();
        Path home = target.resolve("postgres-" + gone.pid());
        PostgresServer left = PostgresServer.start(home);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), left.port())) {
            assertTrue(s.isConnected());
        }
        PostgresServer.stopLeftovers(target);
        assertFalse(Files.exists(home), "its files are removed");
        java.io.IOException refused = assertThrows(java.io.IOException.class,
                () -> new Socket(InetAddress.getLoopbackAddress(), left.port()).close());
        assertEquals(java.net.ConnectException.class, refused.getClass(), "the server is stopped");
    }
}
