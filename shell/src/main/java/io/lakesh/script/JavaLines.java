package io.lakesh.script;

import io.lakesh.command.CommandContext;
import io.lakesh.command.LineEvaluator;

/**
 * `:j` and `java` lines: Java snippets through JShell ({@link JShellSession}), started on the first
 * snippet (it takes a second), never at start-up: this class references no JShell type.
 */
public final class JavaLines implements LineEvaluator {
    private final CommandContext context;
    private JShellSession session;

    public JavaLines(CommandContext context) {
        this.context = context;
    }

    @Override
    public synchronized Object eval(String code) {
        if (session == null) {
            session = new JShellSession(context);
        }
        return session.eval(code);
    }

    @Override
    public String name() {
        return "java";
    }
}
