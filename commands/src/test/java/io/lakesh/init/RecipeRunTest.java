package io.lakesh.init;

import io.lakesh.LakeshException;
import io.lakesh.command.CommandContext;
import io.lakesh.config.Config;
import io.lakesh.config.LakeshHome;
import io.lakesh.namespace.Namespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A recipe run as a script sees it: options, generated files, and the question before replacing a file. */
class RecipeRunTest {
    @TempDir
    Path dir;
    Namespace ns;
    StringWriter text = new StringWriter();
    List<String> questions = new ArrayList<>();
    Path script;

    @BeforeEach
    void setUp() throws Exception {
        LakeshHome home = new LakeshHome(dir.resolve("home")).ensureCreated();
        ns = new Namespace(home, new Config(home.config()));
        script = dir.resolve("demo.groovy");
        Files.writeString(script, "// demo: a recipe for this test\ndef r = recipe(args)\n");
        Files.writeString(dir.resolve("inventory.yaml"), """
                hosts:
                  127.0.0.1: {roles: [namenode, datanode]}
                """);
    }

    @AfterEach
    void close() {
        ns.close();
    }

    private RecipeRun run(boolean answer, String... args) {
        CommandContext ctx = new CommandContext(ns, new PrintWriter(text), new PrintWriter(text))
                .interactive(true, q -> questions.add(q) && answer);
        RecipeRun r = RecipeRun.start(ctx, script, List.of(args));
        r.files("notes", Map.of("notes.txt", "wanted\n"));
        return r;
    }

    @Test
    void atThePromptReplacingAFileAsksFirstAndANoChangesNothing() throws Exception {
        Path out = dir.resolve("out");
        run(false, "--out", out.toString(), "--apply").run();
        assertEquals("wanted\n", Files.readString(out.resolve("notes.txt")));
        assertEquals(List.of(), questions, "writing a new file asks nothing");

        Files.writeString(out.resolve("notes.txt"), "edited by hand\n");
        LakeshException no = assertThrows(LakeshException.class, () -> run(false, "--out", out.toString(), "--apply").run());
        assertTrue(no.getMessage().startsWith("1 change would replace"), no.getMessage());
        assertEquals(List.of("~ write " + out.resolve("notes.txt") + " (1 of 1 lines differ)\napply these changes?"), questions);
        assertEquals("edited by hand\n", Files.readString(out.resolve("notes.txt")));

        run(true, "--out", out.toString(), "--apply").run();
        assertEquals("wanted\n", Files.readString(out.resolve("notes.txt")));
    }

    @Test
    void theInventoryDefaultsToTheOneBesideTheRecipesAndFilesToLakeshHome() {
        RecipeRun r = run(false);
        assertEquals(dir.resolve("inventory.yaml"), r.inventory().file());
        assertEquals(ns.home().dir().resolve("init/lakehouse"), r.outDir());
        assertEquals("demo", r.name());
        r.run();
        assertTrue(text.toString().startsWith("recipe demo: 1 host of lakehouse from " + dir.resolve("inventory.yaml")), text.toString());
        assertTrue(text.toString().endsWith("1 of 1 steps would change; --apply makes the changes\n"), text.toString());
    }

    @Test
    void recipeOptionsAreCheckedTogether() {
        assertEquals("--force goes with --apply", assertThrows(io.lakesh.UsageException.class, () -> run(false, "--force")).getMessage());
        assertTrue(assertThrows(io.lakesh.UsageException.class, () -> run(false, "--nope")).getMessage()
                .startsWith("Unknown option: '--nope' (recipes take --inventory FILE"));
    }

    @Test
    void theRecipeListReadsEachRecipesFirstCommentLine() throws Exception {
        Files.writeString(dir.resolve("plain.groovy"), "// not a recipe\nprintln 'x'\n");
        List<Recipes.Entry> list = Recipes.list(dir);
        assertEquals(1, list.size());
        assertEquals("demo", list.get(0).name());
        assertEquals("a recipe for this test", list.get(0).description());
    }
}
