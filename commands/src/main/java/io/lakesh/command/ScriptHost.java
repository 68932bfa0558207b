package io.lakesh.command;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs a Groovy script file for a command (the commands module knows no Groovy; the shell installs this).
 * {@code init} runs recipes through it, and a recipe includes others through it.
 */
public interface ScriptHost {
    /** Runs the script with its own {@code args}; {@code parent} (may be null) is what `recipe(args)` returns inside it. */
    void run(Path script, List<String> args, Object parent);
}
