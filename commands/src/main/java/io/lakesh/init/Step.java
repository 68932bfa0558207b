package io.lakesh.init;

import java.util.List;

/**
 * One idempotent step of a recipe: {@code check} says whether things are already so, {@code plan} says what
 * would change (one line each, `+ ` adds, `~ ` replaces, `- ` removes), {@code apply} makes it so. Built from
 * three lambdas (Groovy closures coerce to them), so a new step is one call.
 */
public record Step(String name, Check check, Plan plan, Apply apply) {
    @FunctionalInterface
    public interface Check {
        boolean done() throws Exception;
    }

    @FunctionalInterface
    public interface Plan {
        List<String> changes() throws Exception;
    }

    @FunctionalInterface
    public interface Apply {
        void run() throws Exception;
    }

    public Step {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a step needs a name");
        }
    }

    public static Step of(String name, Check check, Plan plan, Apply apply) {
        return new Step(name, check, plan, apply);
    }

    /** A plan line that replaces or removes something: applying it needs a yes or `--force`. */
    static boolean destructive(String change) {
        return change.startsWith("~ ") || change.startsWith("- ");
    }
}
