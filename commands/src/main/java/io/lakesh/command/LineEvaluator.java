package io.lakesh.command;

/** Code in another language typed at the prompt after a prefix such as `:g` (Groovy) or `:j` (Java). */
public interface LineEvaluator {
    /** Evaluates the code (without its prefix) and returns its value, printed by the runner. */
    Object eval(String code) throws Exception;

    /** The name used in error lines, e.g. `groovy`. */
    String name();
}
