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
        return CommandRunner.OK;
    }
}
