package io.lakesh.shell;

import io.lakesh.command.CommandRunner;
import io.lakesh.command.Commands;
import io.lakesh.store.HadoopConf;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.InputStream;
import java.io.StringWriter;

/**
 * `lakesh --train`: the launcher runs this once per jar to record the classes of a typical session in an
 * AppCDS archive (parsing every command, the line reader, a listing, the HDFS client), so later starts
 * map them instead of loading them.
 */
final class Training {
    private Training() {
    }

    static int run(CommandRunner runner, InputStream stdin) {
        for (String name : Commands.byName().keySet()) {
            Commands.commandLine(Commands.instantiate(Commands.find(name))).usage(new java.io.PrintWriter(new StringWriter()));
        }
        runner.runLine("pwd; ls -l /; ls -R /local; stat /local; du -s /local; help");
        Session.warmUp(runner);
        try (FileSystem fs = FileSystem.newInstance(java.net.URI.create("file:///"),
                HadoopConf.create(runner.context().namespace().config()))) {
            fs.getFileStatus(new Path("/"));
            // the HDFS client classes, without needing a NameNode
            Class.forName("org.apache.hadoop.hdfs.DistributedFileSystem");
            Class.forName("org.apache.hadoop.hdfs.DFSClient");
            Class.forName("org.apache.hadoop.hdfs.protocol.ClientProtocol");
        } catch (Exception e) {
            runner.context().err().println("lakesh: training the start-up archive: " + e.getMessage());
        }
        trainTables(runner);
        return CommandRunner.OK;
    }

    /** Iceberg, Parquet and SQLite classes, from a throw-away home so the user's catalog is untouched. */
    private static void trainTables(CommandRunner runner) {
        java.nio.file.Path tmp = null;
        try {
            tmp = java.nio.file.Files.createTempDirectory("lakesh-train-");
            io.lakesh.config.LakeshHome home = new io.lakesh.config.LakeshHome(tmp).ensureCreated();
            java.nio.file.Path csv = tmp.resolve("t.csv");
            java.nio.file.Files.writeString(csv, "id,s\n1,a\n");
            java.io.PrintWriter sink = new java.io.PrintWriter(new StringWriter());
            try (io.lakesh.namespace.Namespace ns = new io.lakesh.namespace.Namespace(home, new io.lakesh.config.Config(home.config()))) {
                CommandRunner r = new CommandRunner(new io.lakesh.command.CommandContext(ns, sink, sink));
                r.runLine("create table /iceberg/lake/t/t (id bigint, s string); load /iceberg/lake/t/t " + csv
                        + "; count /iceberg/lake/t/t; head /iceberg/lake/t/t; describe /iceberg/lake/t/t; history /iceberg/lake/t/t;"
                        + " files /iceberg/lake/t/t; ls -l /iceberg/lake/t");
            }
        } catch (java.io.IOException e) {
            runner.context().err().println("lakesh: training the start-up archive: " + e.getMessage());
        } finally {
            if (tmp != null) {
                try (var files = java.nio.file.Files.walk(tmp)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (java.io.IOException e) {
                    runner.context().err().println("lakesh: removing " + tmp + ": " + e.getMessage());
                }
            }
        }
    }
}
