package io.lakesh.init;

import io.lakesh.LakeshException;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recipe model on its own: steps from lambdas over a set standing for the world they change. */
class RecipeTest {
    private final Set<String> world = new TreeSet<>();
    private final List<String> applied = new ArrayList<>();
    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text);

    /** A step that puts {@code thing} into the world. */
    private Step adds(String thing) {
        return Step.of("add " + thing, () -> world.contains(thing), () -> List.of("+ " + thing), () -> {
            applied.add(thing);
            world.add(thing);
        });
    }

    private String printed() {
        out.flush();
        String s = text.toString();
        text.getBuffer().setLength(0);
        return s;
    }

    @Test
    void planChangesNothingApplyDoesTheRestAndASecondApplyFindsNothingToChange() {
        world.add("b");
        Recipe r = new Recipe("demo").add(adds("a")).add(adds("b")).add(adds("c"));

        r.plan(out);
        assertEquals("""
                [1/3] add a: would change
                    + a
                [2/3] add b: ok
                [3/3] add c: would change
                    + c
                2 of 3 steps would change; --apply makes the changes
                """, printed());
        assertEquals(Set.of("b"), world);

        assertEquals(2, r.apply(out, destructive -> false));
        assertEquals("""
                [1/3] add a: applying
                    + a
                [2/3] add b: ok
                [3/3] add c: applying
                    + c
                applied 2 of 3 steps
                """, printed());
        assertEquals(List.of("a", "c"), applied);

        assertEquals(0, r.apply(out, destructive -> false));
        assertEquals("""
                [1/3] add a: ok
                [2/3] add b: ok
                [3/3] add c: ok
                nothing to change (3 steps done)
                """, printed());
        assertEquals(List.of("a", "c"), applied, "the second apply applied nothing");
    }

    @Test
    void aFailingStepStopsTheRecipeNamingItAndWhatWasDoneAndApplyingAgainFinishes() {
        boolean[] broken = {true};
        Step flaky = Step.of("add b", () -> world.contains("b"), () -> List.of("+ b"), () -> {
            if (broken[0]) {
                throw new java.io.IOException("disk full");
            }
            world.add("b");
        });
        Recipe r = new Recipe("demo").add(adds("a")).add(flaky).add(adds("c"));

        Recipe.Failure f = assertThrows(Recipe.Failure.class, () -> r.apply(out, d -> false));
        assertEquals("step 'add b' failed: disk full; done before it: add a; fix it and apply again", f.getMessage());
        assertEquals("add b", f.step());
        assertEquals(List.of("add a"), f.done());
        assertEquals(Set.of("a"), world, "nothing after the failing step ran");

        broken[0] = false;
        printed();
        assertEquals(2, r.apply(out, d -> false));
        assertEquals("""
                [1/3] add a: ok
                [2/3] add b: applying
                    + b
                [3/3] add c: applying
                    + c
                applied 2 of 3 steps
                """, printed());
    }

    @Test
    void ctrlCStopsBetweenStepsSayingWhatWasDone() {
        Step interrupted = Step.of("add b", () -> world.contains("b"), () -> List.of("+ b"), () -> {
            world.add("b");
            Thread.currentThread().interrupt(); // what Ctrl-C does to the command thread
        });
        Recipe r = new Recipe("demo").add(adds("a")).add(interrupted).add(adds("c"));
        try {
            Recipe.Failure f = assertThrows(Recipe.Failure.class, () -> r.apply(out, d -> false));
            assertEquals("step 'add c' not started: cancelled; done before it: add a, add b; apply again to go on", f.getMessage());
            assertEquals(Set.of("a", "b"), world);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aStepWhoseCheckStillFailsAfterApplyIsReportedInsteadOfRepeatedForever() {
        Recipe r = new Recipe("demo").step("never done", () -> false, () -> List.of("+ x"), () -> applied.add("x"));
        Recipe.Failure f = assertThrows(Recipe.Failure.class, () -> r.apply(out, d -> false));
        assertEquals("step 'never done' was applied but its check still fails; nothing changed before it; fix it and apply again", f.getMessage());
    }

    @Test
    void replacingSomethingNeedsAYesAndWithoutOneNothingChanges() {
        world.add("old");
        Step replace = Step.of("replace old", () -> !world.contains("old"), () -> List.of("~ old -> new"), () -> world.remove("old"));
        Recipe r = new Recipe("demo").add(adds("a")).add(replace);
        List<List<String>> asked = new ArrayList<>();

        LakeshException refused = assertThrows(LakeshException.class, () -> r.apply(out, d -> asked.add(d) && false));
        assertEquals("1 change would replace or remove something (see --plan); nothing changed; --force applies them", refused.getMessage());
        assertEquals(List.of(List.of("~ old -> new")), asked);
        assertEquals(Set.of("old"), world, "not even the harmless step ran");

        assertEquals(2, r.apply(out, d -> true));
        assertEquals(Set.of("a"), world);
    }

    @Test
    void aCheckThatCannotRunStopsThePlanNamingTheStep() {
        Recipe r = new Recipe("demo").add(adds("a"))
                .step("ask the server", () -> {
                    throw new java.net.ConnectException("Connection refused");
                }, List::of, () -> { });
        Recipe.Failure f = assertThrows(Recipe.Failure.class, () -> r.plan(out));
        assertEquals("step 'ask the server' cannot be checked: Connection refused; nothing changed before it; fix it and apply again", f.getMessage());
    }

    @Test
    void stepsAreNamedAndTheirNamesAreUnique() {
        Recipe r = new Recipe("demo").add(adds("a"));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> r.add(adds("a")));
        assertTrue(twice.getMessage().contains("two steps named 'add a'"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Step.of(" ", () -> true, List::of, () -> { }));
    }
}
