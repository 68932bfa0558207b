package io.lakesh.shell;

import io.lakesh.command.CommandRunner;
import io.lakesh.command.Commands;
import io.lakesh.store.HadoopConf;
import io.lakesh.store.HadoopStore;
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
        runner.context().namespace().openAhead("ls -l /local");
        runner.runLine("pwd; ls -l /; ls -R /local; stat /local; du -s /local; help");
        Session.warmUp(runner);
        try (FileSystem fs = FileSystem.newInstance(java.net.URI.create("file:///"),
                HadoopConf.create(runner.context().namespace().config()))) {
            fs.getFileStatus(new Path("/"));
        } catch (Exception e) {
            runner.context().err().println("lakesh: training the start-up archive: " + e.getMessage());
        }
        trainHdfsClient(runner);
        trainTables(runner);
        return CommandRunner.OK;
    }

    /**
     * The HDFS client as `ls /hdfs/…` uses it, without a NameNode: lakesh's client configuration and login, the
     * client, and a listing of a port where nothing listens (refused at once; the request side of the RPC
     * loads), plus the classes of the answer it would have read.
     */
    private static void trainHdfsClient(CommandRunner runner) {
        try (HadoopStore store = new HadoopStore(java.net.URI.create("hdfs://127.0.0.1:1/"),
                HadoopConf.client(runner.context().namespace().config()))) {
            store.list("/");
        } catch (java.io.IOException expected) {
            // nothing listens there
        }
        try {
            for (String c : new String[] {"ClientNamenodeProtocolProtos$GetListingResponseProto",
                    "ClientNamenodeProtocolProtos$GetFileInfoResponseProto", "HdfsProtos$DirectoryListingProto",
                    "HdfsProtos$HdfsFileStatusProto"}) {
                Class.forName("org.apache.hadoop.hdfs.protocol.proto." + c);
                Class.forName("org.apache.hadoop.hdfs.protocol.proto." + c + "$Builder");
            }
            Class.forName("org.apache.hadoop.hdfs.protocol.HdfsNamedFileStatus");
        } catch (ClassNotFoundException e) {
            runner.context().err().println("lakesh: training the start-up archive: " + e.getMessage());
        }
    }

    /** Iceberg, Delta, Parquet and SQLite classes, from a throw-away home so the user's catalog is untouched. */
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
                        + " files /iceberg/lake/t/t; ls -l /iceberg/lake/t; select count(*), max(s) from /iceberg/lake/t/t where id > 0;");
                // the kernel's classes: log replay, checkpoints, describe and history of Delta tables
                r.runLine("create table /local/d (id bigint, s string) --using delta; load /local/d " + csv + "; checkpoint /local/d;"
                        + " describe /local/d; history /local/d; head /local/d; count /local/d; ls -l /local;"
                        + " select count(*), max(s) from '/local/d' where id > 0;");
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
