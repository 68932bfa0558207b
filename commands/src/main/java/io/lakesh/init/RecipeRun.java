package io.lakesh.init;

import io.lakesh.LakeshException;
import io.lakesh.command.CommandContext;
import io.lakesh.command.ScriptHost;
import io.lakesh.namespace.Namespace;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a recipe script works with (`def r = recipe(args)`): its options, the inventory, where generated files
 * go, and the steps it adds. {@link #run} plans or applies them. A recipe that {@link #include}s another
 * gets that script's steps into its own list, and only the outermost recipe runs.
 */
public final class RecipeRun {
    private final CommandContext ctx;
    private final Path script;
    private final RecipeOptions options;
    private final Recipe recipe;
    private final RecipeRun root;
    private Inventory inventory;
    private final List<AutoCloseable> resources;

    private RecipeRun(CommandContext ctx, Path script, RecipeOptions options, Recipe recipe, RecipeRun root) {
        this.ctx = ctx;
        this.script = script;
        this.options = options;
        this.recipe = recipe;
        this.root = root;
        this.resources = root != null ? root.resources : new java.util.ArrayList<>();
    }

    /** A recipe run from its script file with the script's arguments (`--inventory`, `--plan`, `--apply`, …). */
    public static RecipeRun start(CommandContext ctx, Path script, List<String> args) {
        return new RecipeRun(ctx, script, RecipeOptions.parse(args), new Recipe(Recipes.nameOf(script)), null);
    }

    /** The name of the recipe (its file name without `.groovy`). */
    public String name() {
        return Recipes.nameOf(script);
    }

    public Recipe recipe() {
        return recipe;
    }

    public Namespace namespace() {
        return ctx.namespace();
    }

    public PrintWriter out() {
        return ctx.out();
    }

    /** The inventory, read and checked once for the whole run. */
    public Inventory inventory() {
        if (root != null) {
            return root.inventory();
        }
        if (inventory == null) {
            Path file = options.inventory != null ? options.inventory : Recipes.defaultInventory(script.toAbsolutePath().getParent());
            inventory = Inventory.load(file);
        }
        return inventory;
    }

    /** Where generated files go: `--out`, else `$LAKESH_HOME/init/<cluster>`. */
    public Path outDir() {
        if (root != null) {
            return root.outDir();
        }
        return options.out != null ? options.out.toAbsolutePath()
                : ctx.namespace().home().dir().resolve("init").resolve(inventory().cluster());
    }

    public RecipeRun add(Step step) {
        recipe.add(step);
        return this;
    }

    /** A step from three closures: is it done, what would change (lines), make it so. */
    public RecipeRun step(String name, Step.Check check, Step.Plan plan, Step.Apply apply) {
        return add(Step.of(name, check, plan, apply));
    }

    /** A step writing files under {@link #outDir} (names relative to it). */
    public RecipeRun files(String name, Map<String, String> files) {
        return add(GeneratedFiles.step(name, under(files), false));
    }

    /** As {@link #files}, for files holding passwords: readable by their owner only. */
    public RecipeRun secretFiles(String name, Map<String, String> files) {
        return add(GeneratedFiles.step(name, under(files), true));
    }

    private Map<Path, String> under(Map<String, String> files) {
        Map<Path, String> m = new LinkedHashMap<>();
        files.forEach((k, v) -> m.put(outDir().resolve(k), v));
        return m;
    }

    /** Something the steps use (an HDFS client), closed when the run ends. */
    public <T extends AutoCloseable> T uses(T resource) {
        resources.add(resource);
        return resource;
    }

    /** Adds the steps of another recipe of the same folder (`include('hdfs-config')`). */
    public RecipeRun include(String other) {
        Path file = script.toAbsolutePath().getParent().resolve(other + ".groovy");
        if (!Files.isRegularFile(file)) {
            throw new LakeshException("recipe " + name() + " includes '" + other + "', and there is no " + file);
        }
        ScriptHost host = ctx.scripts();
        if (host == null) {
            throw new LakeshException("recipes need lakesh's Groovy: run them as 'lakesh init " + name() + "'");
        }
        RecipeRun top = root != null ? root : this;
        host.run(file, options.toArgs(), new RecipeRun(ctx, file, options, recipe, top));
        return this;
    }

    /** Plans or applies the steps (an included recipe leaves that to the one including it). */
    public void run() {
        if (root != null) {
            return;
        }
        try {
            planOrApply();
        } finally {
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception e) {
                    ctx.err().println("recipe " + name() + ": closing " + r + ": " + e.getMessage());
                }
            }
            resources.clear();
        }
    }

    private void planOrApply() {
        PrintWriter out = ctx.out();
        Inventory inv = inventory();
        out.println("recipe " + name() + ": " + inv.hosts().size() + (inv.hosts().size() == 1 ? " host" : " hosts") + " of " + inv.cluster() + " from "
                + inv.file() + "; files under " + outDir());
        out.flush();
        if (!options.applying()) {
            recipe.plan(out);
            return;
        }
        recipe.apply(out, destructive -> options.force
                || ctx.interactive() && ctx.confirm(String.join("\n", destructive) + "\napply these changes?"));
    }
}
