package io.lakesh.command.fs;

import picocli.CommandLine.Command;

@Command(name = "cp", description = "Copy files and directories, within and across stores, many in parallel.")
public class Cp extends CopyCommand {
}
