package io.lakesh.cluster;

import io.lakesh.LakeshException;
import io.lakesh.init.TrinoLocal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The class path of the HDFS daemons, resolved once through Maven into `lib/`: hadoop-hdfs, hadoop-hdfs-client
 * and hadoop-common at the client's own Hadoop version with their runtime dependencies (`classpath.txt`), and
 * the web UI's `webapps/`, which only the hadoop-hdfs tests jar carries (unpacked into `lib/web`). The daemons
 * are not in the shell's jar; lakesh stays a client.
 */
final class DaemonClasspath {
    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";

    private DaemonClasspath() {
    }

    /** The daemon class path after a conf dir: the unpacked web resources, then the jars. */
    static String resolve(ClusterHome home, String hadoopVersion) throws IOException {
        Path lib = home.lib();
        Path classpath = lib.resolve("classpath-" + hadoopVersion + ".txt");
        Path web = lib.resolve("web");
        if (!Files.isRegularFile(classpath) || !Files.isDirectory(web.resolve("webapps/hdfs")) || !allExist(Files.readString(classpath))) {
            resolveWithMaven(lib, classpath, web, hadoopVersion);
        }
        return web + ":" + Files.readString(classpath).strip();
    }

    private static boolean allExist(String classpath) {
        return Arrays.stream(classpath.strip().split(":")).allMatch(j -> Files.isRegularFile(Path.of(j)));
    }

    private static void resolveWithMaven(Path lib, Path classpath, Path web, String version) throws IOException {
        Files.createDirectories(lib);
        Path pom = lib.resolve("pom.xml");
        Files.writeString(pom, """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <!-- written by lakesh: the HDFS daemons' class path for the local cluster -->
                  <groupId>io.lakesh.local</groupId>
                  <artifactId>hdfs-daemons</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <dependencies>
                    <dependency><groupId>org.apache.hadoop</groupId><artifactId>hadoop-hdfs</artifactId><version>%1$s</version></dependency>
                    <dependency><groupId>org.apache.hadoop</groupId><artifactId>hadoop-hdfs-client</artifactId><version>%1$s</version></dependency>
                    <dependency><groupId>org.apache.hadoop</groupId><artifactId>hadoop-common</artifactId><version>%1$s</version></dependency>
                    <dependency><groupId>org.apache.hadoop</groupId><artifactId>hadoop-hdfs</artifactId><version>%1$s</version><classifier>tests</classifier></dependency>
                  </dependencies>
                </project>
                """.formatted(version));
        Path out = lib.resolve("classpath.resolving");
        List<String> mvn = List.of("mvn", "-B", "-q", "-f", pom.toString(), DEPENDENCY_PLUGIN + ":build-classpath",
                "-Dmdep.outputFile=" + out, "-Dmdep.includeScope=runtime",
                "-Dmaven.repo.local=" + TrinoLocal.localRepository());
        Path log = lib.resolve("resolve.log");
        try {
            Process p = new ProcessBuilder(mvn).directory(lib.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (p.waitFor() != 0) {
                List<String> lines = Files.readAllLines(log);
                throw new LakeshException("cannot resolve the HDFS daemons (hadoop-hdfs " + version + ") with Maven: "
                        + (lines.isEmpty() ? "exit " + p.exitValue() : lines.get(lines.size() - 1).strip()) + " (see " + log + ")");
            }
        } catch (IOException e) {
            throw new LakeshException("the local cluster needs Maven ('mvn') to fetch the HDFS daemons: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.lakesh.command.CancelledException();
        }
        List<String> jars = new ArrayList<>();
        Path testsJar = null;
        for (String j : Files.readString(out).strip().split(":")) {
            if (j.endsWith("hadoop-hdfs-" + version + "-tests.jar")) {
                testsJar = Path.of(j); // only its webapps/ are wanted: its test classes stay off the daemons' path
            } else {
                jars.add(j);
            }
        }
        if (testsJar == null) {
            throw new LakeshException("Maven resolved no hadoop-hdfs " + version + " tests jar (the web UI's files); see " + log);
        }
        unpackWebapps(testsJar, web);
        Files.writeString(out, String.join(":", jars));
        Files.move(out, classpath, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void unpackWebapps(Path jar, Path web) throws IOException {
        Path staging = web.resolveSibling("web.unpacking");
        TrinoLocal.deleteTree(staging);
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (!e.getName().startsWith("webapps/") || e.getName().contains("..")) {
                    continue;
                }
                Path target = staging.resolve(e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING); // copies this entry; leaves the zip open
                }
            }
        }
        TrinoLocal.deleteTree(web);
        Files.move(staging, web, StandardCopyOption.ATOMIC_MOVE);
    }
}
