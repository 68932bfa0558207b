package io.lakesh.shell;

import io.lakesh.command.CommandRunner;
import io.lakesh.command.ExitRequest;
import io.lakesh.script.GroovyLines;
import io.lakesh.script.JavaLines;
import io.lakesh.script.ScriptFailure;

import java.nio.file.Path;
import java.util.List;

/** Wires the script languages into a runner: `:g`/`groovy` lines, `:j`/`java` lines, `-f file.groovy`. */
final class Scripting {
    private Scripting() {
    }

    static CommandRunner install(CommandRunner runner, List<String> args) {
        GroovyLines groovy = new GroovyLines(runner.context(), args);
        JavaLines java = new JavaLines(runner.context());
        runner.context().scripts(new io.lakesh.script.GroovyScripts(runner.context()));
        return runner.evaluator(":g", groovy).evaluator("groovy", groovy)
                .evaluator(":j", java).evaluator("java", java);
    }

    static int runGroovy(CommandRunner runner, Path file) {
        GroovyLines groovy = (GroovyLines) runner.evaluatorFor(":g").getValue();
        try {
            groovy.evaluator().runFile(file);
            return CommandRunner.OK;
        } catch (ExitRequest e) {
            return e.status();
        } catch (ScriptFailure e) {
            runner.context().err().println(e.getMessage());
            if (runner.context().debug()) {
                e.printStackTrace(runner.context().err());
            }
            return CommandRunner.FAILED;
        } catch (io.lakesh.LakeshException e) {
            runner.context().err().println(e.getMessage());
            return CommandRunner.FAILED;
        } finally {
            runner.context().out().flush();
            runner.context().err().flush();
        }
    }
}
