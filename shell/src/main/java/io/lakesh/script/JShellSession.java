package io.lakesh.script;

import io.lakesh.LakeshException;
import io.lakesh.api.Lake;
import io.lakesh.command.CommandContext;
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

/** A JShell running snippets in this JVM, so that `lake` is the session's own API object. */
public final class JShellSession {
    private static volatile Lake current;

    private final CommandContext context;
    private final JShell jshell;

    JShellSession(CommandContext context) {
        this.context = context;
        current = new Lake(context);
        jshell = JShell.builder()
                .executionEngine(new LocalExecutionControlProvider(), Map.of())
                .build();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                jshell.addToClasspath(entry);
            }
        }
        evalAll("var lake = io.lakesh.script.JShellSession.lake();");
    }

    /** The session's API object, for the snippet prelude. */
    public static Lake lake() {
        return current;
    }

    String eval(String code) {
        current = new Lake(context);
        return evalAll(code);
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
}
