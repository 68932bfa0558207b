package io.lakesh.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** `$LAKESH_HOME` (default ~/.lakesh): the local warehouse, the configuration, history and caches. */
public record LakeshHome(Path dir) {

    public static LakeshHome fromEnvironment() {
        String env = System.getenv("LAKESH_HOME");
        Path dir = env != null && !env.isBlank()
                ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".lakesh");
        return new LakeshHome(dir.toAbsolutePath().normalize());
    }

    /** Creates the home and its warehouse on first use: the embedded default works with nothing running. */
    public LakeshHome ensureCreated() {
        try {
            Files.createDirectories(warehouse());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + warehouse() + ": " + e.getMessage(), e);
        }
        return this;
    }

    public Path warehouse() {
        return dir.resolve("warehouse");
    }

    public Path config() {
        return dir.resolve("lakesh.conf");
    }

    public Path history() {
        return dir.resolve("history");
    }
}
