package io.lakesh.script;

import io.lakesh.command.CommandContext;
import io.lakesh.command.LineEvaluator;

import java.util.List;

/** `:g` and `groovy` lines; the Groovy runtime loads on the first one, not at start-up. */
public final class GroovyLines implements LineEvaluator {
    private final CommandContext context;
    private final List<String> args;
    private GroovyEvaluator evaluator;

    public GroovyLines(CommandContext context, List<String> args) {
        this.context = context;
        this.args = args;
    }

    public synchronized GroovyEvaluator evaluator() {
        if (evaluator == null) {
            evaluator = new GroovyEvaluator(context, args);
        }
        return evaluator;
    }

    /** Whether Groovy has been started (completion offers its variables only then). */
    public synchronized boolean started() {
        return evaluator != null;
    }

    @Override
    public Object eval(String code) {
        return evaluator().eval(code);
    }

    @Override
    public String name() {
        return "groovy";
    }
}
