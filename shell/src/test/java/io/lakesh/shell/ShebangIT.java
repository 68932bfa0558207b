package io.lakesh.shell;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Groovy script with `#!/usr/bin/env -S lakesh -f` runs by itself, through the launcher on PATH. */
class ShebangIT {
    @Test
    void anExecutableScriptRunsThroughTheLauncher() throws Exception {
        Path dir = Files.createTempDirectory("lakesh-shebang-");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("lakesh"), Path.of(System.getProperty("lakesh.root"), "lakesh").toAbsolutePath());
        Path script = dir.resolve("hello.groovy");
        Files.writeString(script, "#!/usr/bin/env -S lakesh -f\nprintln \"hello ${args[0]} from ${lake.pwd()}\"\nexit 4\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "world").redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("LAKESH_HOME", dir.resolve("home").toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals("hello world from /local\n", output);
        assertEquals(4, p.exitValue());
    }
}
