package io.lakesh.shell;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Speed is a feature: a local command loads no Hadoop, Groovy or JShell class (they load on first use). */
class StartupClassesIT {
    @Test
    void aLocalCommandLoadsNoHeavyClasses() throws Exception {
        Path home = Files.createTempDirectory("lakesh-startup-");
        Path log = home.resolve("classes.log");
        String jar = System.getProperty("lakesh.root") + "/shell/target/lakesh.jar";
        ProcessBuilder pb = new ProcessBuilder("java", "-Xshare:off", "-Xlog:class+load:file=" + log, "-jar", jar,
                "-c", "ls -l /local; pwd").redirectErrorStream(true);
        pb.environment().put("LAKESH_HOME", home.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        List<String> heavy = Files.readAllLines(log).stream()
                .filter(l -> l.contains(" org.apache.hadoop.") || l.contains(" groovy.") || l.contains(" org.codehaus.groovy.")
                        || l.contains(" jdk.jshell.") || l.contains(" org.apache.iceberg.") || l.contains(" org.duckdb.")
                        || l.contains(" io.trino.") || l.contains(" io.delta.")
                        || l.contains(" org.yaml.snakeyaml.") || l.contains(" com.fasterxml.jackson.dataformat.yaml."))
                .toList();
        assertEquals(List.of(), heavy);
    }

    @Test
    void groovyLoadsOnFirstUse() throws Exception {
        Path home = Files.createTempDirectory("lakesh-startup-");
        String jar = System.getProperty("lakesh.root") + "/shell/target/lakesh.jar";
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", jar, "-c", ":g lake.pwd() + '!'").redirectErrorStream(true);
        pb.environment().put("LAKESH_HOME", home.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("/local!\n", output);
    }
}
