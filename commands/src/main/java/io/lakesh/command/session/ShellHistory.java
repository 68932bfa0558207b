package io.lakesh.command.session;

import io.lakesh.command.LakeCommand;
import io.lakesh.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shell's own history (`history <table>` is reserved for table history, as in DESIGN.md). */
@Command(name = "\\history", description = "The command lines you typed in earlier sessions (newest last).")
public class ShellHistory extends LakeCommand {
    @Option(names = "-n", paramLabel = "LINES", description = "How many of the newest lines (default: 20).")
    int count = 20;

    @Override
    public Object call() throws Exception {
        Path file = ctx.namespace().home().history();
        List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
        Table t = Table.of("n", "command").withoutHeader();
        for (int i = Math.max(0, lines.size() - Math.max(0, count)); i < lines.size(); i++) {
            // JLine's file format escapes newlines and backslashes
            t.add(i + 1, lines.get(i).replace("\\n", "\n").replace("\\\\", "\\"));
        }
        return t;
    }
}
