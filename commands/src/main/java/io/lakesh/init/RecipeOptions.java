package io.lakesh.init;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options every recipe takes, as `lakesh init RECIPE …` and as `lakesh -f lakefs-init/RECIPE.groovy …`:
 * one picocli class for both, so help and parsing agree.
 */
public final class RecipeOptions {
    @Option(names = "--inventory", paramLabel = "FILE",
            description = "The cluster's inventory (default: inventory.yaml beside the recipes, else inventory.example.yaml).")
    Path inventory;
    @Option(names = "--plan", description = "Print what would change and change nothing (the default).")
    boolean plan;
    @Option(names = "--apply", description = "Make the changes; a second apply finds nothing to change.")
    boolean apply;
    @Option(names = "--force", description = "Apply changes that replace or remove something without asking.")
    boolean force;
    @Option(names = "--out", paramLabel = "DIR",
            description = "Where generated files go (default: $LAKESH_HOME/init/<cluster>).")
    Path out;

    public static RecipeOptions parse(List<String> args) {
        RecipeOptions o = new RecipeOptions();
        try {
            new picocli.CommandLine(o).parseArgs(args.toArray(String[]::new));
        } catch (picocli.CommandLine.ParameterException e) {
            throw new io.lakesh.UsageException(e.getMessage() + " (recipes take --inventory FILE, --out DIR, --plan, --apply, --force)");
        }
        return o.checked();
    }

    /** The options, if they make sense together. */
    public RecipeOptions checked() {
        if (plan && apply) {
            throw new io.lakesh.UsageException("--plan or --apply, not both");
        }
        if (force && !apply) {
            throw new io.lakesh.UsageException("--force goes with --apply");
        }
        return this;
    }

    public boolean applying() {
        return apply;
    }

    /** The same options as arguments again, for a recipe script. */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        if (inventory != null) {
            args.add("--inventory");
            args.add(inventory.toString());
        }
        if (out != null) {
            args.add("--out");
            args.add(out.toString());
        }
        args.add(apply ? "--apply" : "--plan");
        if (force) {
            args.add("--force");
        }
        return args;
    }
}
