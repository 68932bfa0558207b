package io.lakesh.script;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import groovy.transform.ThreadInterrupt;
import io.lakesh.LakeshException;
import io.lakesh.api.Lake;
import io.lakesh.command.CommandContext;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Groovy over the lakesh API. One binding per session (`lake`, `args`, `out`, `err`, `env`), so variables
 * persist across `:g` lines; methods a line defines are kept and compiled into later lines. Loops check for
 * interruption (ThreadInterrupt), so Ctrl-C stops an endless loop and not the shell.
 */
public final class GroovyEvaluator {
    private static final Pattern LOCAL_DECLARATION = Pattern.compile("^(\\s*)(?:def|var)\\s+([A-Za-z_$][\\w$]*)\\s*=");

    private final Binding binding = new Binding();
    private final GroovyShell shell;
    private final StringBuilder definitions = new StringBuilder();
    private int snippets;

    public GroovyEvaluator(CommandContext context, List<String> args) {
        binding.setVariable("lake", new Lake(context));
        binding.setVariable("args", args.toArray(String[]::new));
        binding.setVariable("out", context.out());
        binding.setVariable("err", context.err());
        binding.setVariable("env", System.getenv());
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(LakeScript.class.getName());
        config.addCompilationCustomizers(new ASTTransformationCustomizer(ThreadInterrupt.class));
        shell = new GroovyShell(GroovyEvaluator.class.getClassLoader(), binding, config);
    }

    public Binding binding() {
        return binding;
    }

    /** Runs a script file; a failure is a {@link ScriptFailure} naming file and line. */
    public Object runFile(Path file) {
        String source;
        try {
            source = Files.readString(file);
        } catch (IOException e) {
            throw new LakeshException("'" + file + "': cannot read: " + e.getMessage());
        }
        String name = file.getFileName().toString();
        binding.setVariable(LakeScript.SCRIPT_FILE, file);
        // the class a script compiles to is named after its file: a prefix keeps `args.groovy` or
        // `lake.groovy` from shadowing the binding's variables
        String internal = "lakesh_" + name.replaceAll("[^A-Za-z0-9_.]", "_");
        try {
            return run(compile(source, internal), internal);
        } catch (ScriptFailure e) {
            throw new ScriptFailure(name + e.getMessage().substring(internal.length()), e.getCause());
        }
    }

    /** Evaluates a `:g` snippet in the session's binding; returns its value. */
    public Object eval(String code) {
        String name = "snippet" + (++snippets) + ".groovy";
        String source = definitions + persistLocals(code);
        int offset = (int) definitions.chars().filter(c -> c == '\n').count();
        try {
            Object value = run(compile(source, name), name);
            keepMethodDefinitions(code);
            return value;
        } catch (ScriptFailure e) {
            throw new ScriptFailure(snippetMessage(e.getMessage(), name, offset, code.contains("\n")), e);
        }
    }

    /** `snippet3.groovy:5:2: msg` becomes `line 2, column 2: msg` for a block, just `msg` for one line. */
    private static String snippetMessage(String message, String name, int offset, boolean multiLine) {
        java.util.regex.Matcher m = Pattern.compile("^" + Pattern.quote(name) + ":(\\d+)(?::(\\d+))?: (.*)$", Pattern.DOTALL)
                .matcher(message);
        if (!m.matches()) {
            return message;
        }
        int line = Integer.parseInt(m.group(1)) - offset;
        if (!multiLine || line < 1) {
            return m.group(2) == null || multiLine ? m.group(3) : "column " + m.group(2) + ": " + m.group(3);
        }
        return "line " + line + (m.group(2) == null ? "" : ", column " + m.group(2)) + ": " + m.group(3);
    }

    /** `def x = 1` at the top of a snippet becomes `x = 1`: a binding variable the next snippet sees. */
    static String persistLocals(String code) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (String line : code.split("\n", -1)) {
            sb.append(depth == 0 ? LOCAL_DECLARATION.matcher(line).replaceFirst("$1$2 =") : line).append('\n');
            for (char c : line.toCharArray()) {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
        }
        return sb.toString();
    }

    private void keepMethodDefinitions(String code) {
        CompilationUnit unit = new CompilationUnit(shell.getClassLoader());
        unit.addSource("kept.groovy", code);
        try {
            unit.compile(Phases.CONVERSION);
        } catch (CompilationFailedException e) {
            return; // it compiled a moment ago as part of the script; nothing to keep
        }
        String[] lines = code.split("\n", -1);
        for (ModuleNode module : unit.getAST().getModules()) {
            for (ClassNode c : module.getClasses()) {
                if (!c.isScript()) {
                    continue;
                }
                for (MethodNode m : c.getMethods()) {
                    if (m.getLineNumber() > 0 && !m.getName().equals("run") && !m.getName().equals("main")) {
                        for (int l = m.getLineNumber(); l <= m.getLastLineNumber(); l++) {
                            definitions.append(lines[l - 1]).append('\n');
                        }
                    }
                }
            }
        }
    }

    private Script compile(String source, String name) {
        try {
            return shell.parse(source, name);
        } catch (MultipleCompilationErrorsException e) {
            throw new ScriptFailure(syntaxMessage(e, name));
        } catch (CompilationFailedException e) {
            throw new ScriptFailure(name + ": " + e.getMessage().lines().findFirst().orElse("does not compile"));
        }
    }

    static String syntaxMessage(MultipleCompilationErrorsException e, String name) {
        if (e.getErrorCollector().getErrorCount() > 0 && e.getErrorCollector().getError(0) instanceof SyntaxErrorMessage m) {
            SyntaxException s = m.getCause();
            return name + ":" + s.getLine() + ":" + s.getStartColumn() + ": " + s.getOriginalMessage();
        }
        return name + ": " + e.getMessage().lines().skip(1).findFirst().orElse("does not compile").strip();
    }

    private Object run(Script script, String name) {
        try {
            return script.run();
        } catch (io.lakesh.command.ExitRequest e) {
            throw e;
        } catch (Exception | StackOverflowError | AssertionError e) {
            // Groovy rethrows checked exceptions (InterruptedException from Ctrl-C) undeclared
            throw new ScriptFailure(name + ":" + lineOf(e, name) + ": " + describe(e), e);
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof LakeshException) {
            return e.getMessage();
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        if (cause instanceof InterruptedException || cause instanceof io.lakesh.command.CancelledException) {
            return "cancelled";
        }
        String m = cause.getMessage();
        return (m == null ? cause.getClass().getSimpleName() : m.lines().findFirst().orElse("")).strip();
    }

    private static int lineOf(Throwable e, String name) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (StackTraceElement el : t.getStackTrace()) {
                if (name.equals(el.getFileName()) && el.getLineNumber() > 0) {
                    return el.getLineNumber();
                }
            }
        }
        return 0;
    }

}
