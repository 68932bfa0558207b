package io.lakesh.init;

import io.lakesh.LakeshException;
import io.lakesh.command.CancelledException;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Ordered, named, idempotent steps. {@link #plan} asks each step whether it is done and what it would change;
 * {@link #apply} does the steps that are not done, in order, and checks each again afterwards, so a step that
 * does not reach its own check fails instead of changing things on every run. A failing step stops the
 * recipe with its name and the steps done before it; applying again picks up from there.
 */
public final class Recipe {
    private final String name;
    private final List<Step> steps = new ArrayList<>();

    public Recipe(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    public Recipe add(Step step) {
        for (Step s : steps) {
            if (s.name().equals(step.name())) {
                throw new IllegalArgumentException("recipe " + name + " has two steps named '" + step.name() + "'");
            }
        }
        steps.add(step);
        return this;
    }

    public Recipe step(String stepName, Step.Check check, Step.Plan plan, Step.Apply apply) {
        return add(Step.of(stepName, check, plan, apply));
    }

    /** A step that stopped the recipe: its message names it, the cause and what was done before it. */
    public static final class Failure extends LakeshException {
        private final String step;
        private final List<String> done;

        Failure(String message, String step, List<String> done, Throwable cause) {
            super(message, cause);
            this.step = step;
            this.done = List.copyOf(done);
        }

        public String step() {
            return step;
        }

        /** Steps this run changed before the failing one. */
        public List<String> done() {
            return done;
        }
    }

    /** What one step would change; empty when it is done. */
    public record StepPlan(String step, List<String> changes) {
        public boolean changes(Predicate<String> which) {
            return changes.stream().anyMatch(which);
        }
    }

    /** Prints and returns what every step would change, changing nothing. */
    public List<StepPlan> plan(PrintWriter out) {
        List<StepPlan> plans = new ArrayList<>();
        int i = 0;
        for (Step s : steps) {
            CancelledException.check();
            StepPlan p = planOf(s, List.of());
            plans.add(p);
            print(out, ++i, steps.size(), s, p.changes(), p.changes().isEmpty() ? "ok" : "would change");
        }
        long changing = plans.stream().filter(p -> !p.changes().isEmpty()).count();
        out.println(changing == 0 ? "nothing to change (" + steps.size() + " steps done)"
                : changing + " of " + steps.size() + " steps would change; --apply makes the changes");
        out.flush();
        return plans;
    }

    /**
     * Applies the steps that are not done. {@code allowDestructive} is asked once with the replacing/removing
     * lines of the plan; when it says no, nothing is changed.
     */
    public int apply(PrintWriter out, Predicate<List<String>> allowDestructive) {
        List<StepPlan> plans = new ArrayList<>();
        for (Step s : steps) {
            CancelledException.check();
            plans.add(planOf(s, List.of()));
        }
        List<String> destructive = plans.stream().flatMap(p -> p.changes().stream()).filter(Step::destructive).toList();
        if (!destructive.isEmpty() && !allowDestructive.test(destructive)) {
            throw new LakeshException(destructive.size() + " change" + (destructive.size() == 1 ? "" : "s")
                    + " would replace or remove something (see --plan); nothing changed; --force applies them");
        }
        List<String> done = new ArrayList<>();
        int i = 0;
        for (Step s : steps) {
            if (Thread.currentThread().isInterrupted()) { // Ctrl-C: stop between steps and say where
                throw failure(s, "not started: cancelled", done, new CancelledException());
            }
            i++;
            // planned again just before: an earlier step may have changed what this one finds
            List<String> changes = planOf(s, done).changes();
            if (changes.isEmpty()) {
                print(out, i, steps.size(), s, changes, "ok");
                continue;
            }
            print(out, i, steps.size(), s, changes, "applying");
            try {
                s.apply().run();
            } catch (Exception e) {
                boolean cancelled = e instanceof CancelledException || e instanceof InterruptedException
                        || e instanceof java.io.InterruptedIOException || Thread.currentThread().isInterrupted();
                throw failure(s, cancelled ? "cancelled" : "failed: " + reason(e), done, e);
            }
            if (!isDone(s, done)) {
                throw failure(s, "was applied but its check still fails", done, null);
            }
            done.add(s.name());
        }
        out.println(done.isEmpty() ? "nothing to change (" + steps.size() + " steps done)"
                : "applied " + done.size() + " of " + steps.size() + " steps");
        out.flush();
        return done.size();
    }

    private StepPlan planOf(Step s, List<String> done) {
        try {
            if (s.check().done()) {
                return new StepPlan(s.name(), List.of());
            }
            List<String> changes = s.plan().changes();
            return new StepPlan(s.name(), changes == null || changes.isEmpty()
                    ? List.of("~ " + s.name() + " (its check fails)") : List.copyOf(changes));
        } catch (CancelledException | Failure e) {
            throw e;
        } catch (Exception e) {
            throw failure(s, "cannot be checked: " + reason(e), done, e);
        }
    }

    private boolean isDone(Step s, List<String> done) {
        try {
            return s.check().done();
        } catch (Exception e) {
            throw failure(s, "was applied but cannot be checked: " + reason(e), done, e);
        }
    }

    private Failure failure(Step s, String what, List<String> done, Throwable cause) {
        String before = done.isEmpty() ? "nothing changed before it" : "done before it: " + String.join(", ", done);
        String next = what.endsWith("cancelled") ? "apply again to go on" : "fix it and apply again";
        return new Failure("step '" + s.name() + "' " + what + "; " + before + "; " + next, s.name(), done, cause);
    }

    private static String reason(Throwable e) {
        Set<String> seen = new LinkedHashSet<>();
        for (Throwable t = e; t != null && seen.size() < 3; t = t.getCause()) {
            String m = t instanceof java.net.UnknownHostException ? "unknown host " + t.getMessage() : io.lakesh.command.Errors.firstLine(t);
            if (m != null && !m.isBlank() && seen.stream().noneMatch(x -> x.contains(m))) {
                seen.add(m);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return seen.isEmpty() ? e.getClass().getSimpleName() : String.join(": ", seen);
    }

    private static void print(PrintWriter out, int index, int count, Step s, List<String> changes, String state) {
        out.println("[" + index + "/" + count + "] " + s.name() + ": " + state);
        for (String c : changes) {
            out.println("    " + c);
        }
        out.flush();
    }
}
