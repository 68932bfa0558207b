package io.lakesh.script;

import io.lakesh.LakeshException;
import io.lakesh.command.CommandContext;
import io.lakesh.command.ScriptHost;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs script files for commands (`init` and the recipes it includes), each with its own binding and
 * arguments; Groovy loads on the first one. A lakesh failure inside comes out as itself (`step 'x' failed …`),
 * other script errors with file and line.
 */
public final class GroovyScripts implements ScriptHost {
    private final CommandContext context;

    public GroovyScripts(CommandContext context) {
        this.context = context;
    }

    @Override
    public void run(Path script, List<String> args, Object parent) {
        GroovyEvaluator evaluator = new GroovyEvaluator(context, args);
        if (parent != null) {
            evaluator.binding().setVariable(LakeScript.PARENT_RECIPE, parent);
        }
        try {
            evaluator.runFile(script);
        } catch (ScriptFailure e) {
            if (e.getCause() instanceof LakeshException l && !(l instanceof ScriptFailure)) {
                throw l;
            }
            throw e;
        }
    }
}
