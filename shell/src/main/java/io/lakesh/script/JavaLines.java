package io.lakesh.script;

import io.lakesh.LakeshException;
import io.lakesh.api.Lake;
import io.lakesh.command.CommandContext;
import io.lakesh.command.LineEvaluator;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.execution.LocalExecutionControlProvider;

import java.io.File;
import java.util.Locale;
import java.util.Map;

/**
 * `:j` and `java` lines: Java snippets through JShell, run in this JVM so that `lake` is the session's own
 * API object. JShell starts on the first snippet (it takes a second), never at start-up.
 */
public final class JavaLines implements LineEvaluator {
    private static volatile Lake current;

    private final CommandContext context;
    private JShell jshell;

    public JavaLines(CommandContext context) {
        this.context = context;
    }

    /** The session's API object, for the snippet prelude `var lake = JavaLines.lake();`. */
    public static Lake lake() {
        return current;
    }

    private synchronized JShell jshell() {
        if (jshell == null) {
            current = new Lake(context);
            jshell = JShell.builder()
                    .executionEngine(new LocalExecutionControlProvider(), Map.of())
                    .build();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    jshell.addToClasspath(entry);
                }
            }
            evalAll("var lake = io.lakesh.script.JavaLines.lake();");
        }
        return jshell;
    }

    @Override
    public Object eval(String code) {
        JShell js = jshell();
        current = new Lake(context);
        return evalAll(code) ;
    }

    /** Evaluates every complete snippet of the input; returns the last value shown, as JShell shows it. */
    private String evalAll(String code) {
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        String remaining = code;
        String last = null;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete()) {
                throw new LakeshException("incomplete Java snippet: " + remaining.strip().lines().findFirst().orElse(""));
            }
            for (SnippetEvent e : jshell.eval(info.source())) {
                if (e.exception() != null) {
                    throw new LakeshException(describe(e.exception()));
                }
                if (e.status() == Snippet.Status.REJECTED) {
                    String message = jshell.diagnostics(e.snippet()).filter(Diag::isError)
                            .map(d -> d.getMessage(Locale.ROOT).lines().findFirst().orElse("")).findFirst()
                            .orElse("rejected");
                    throw new LakeshException(message);
                }
                if (e.causeSnippet() == null && e.value() != null) {
                    last = e.value();
                }
            }
            remaining = info.remaining();
        }
        return last;
    }

    private static String describe(Exception e) {
        if (e instanceof EvalException ee) {
            String cls = ee.getExceptionClassName();
            String simple = cls.substring(cls.lastIndexOf('.') + 1);
            return cls.startsWith("io.lakesh.") ? ee.getMessage() : simple + ": " + ee.getMessage();
        }
        return e.getMessage();
    }

    @Override
    public String name() {
        return "java";
    }
}
