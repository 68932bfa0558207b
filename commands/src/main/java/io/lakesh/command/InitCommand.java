package io.lakesh.command;

import io.lakesh.LakeshException;
import io.lakesh.UsageException;
import io.lakesh.init.RecipeOptions;
import io.lakesh.init.Recipes;
import io.lakesh.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "init", description = "Bootstrap recipes (lakefs-init/): init --list | init RECIPE [--inventory FILE] [--plan | --apply].")
public class InitCommand extends LakeCommand {
    @Option(names = "--list", description = "List the recipes with what each one does.")
    boolean list;
    @Option(names = "--recipes", paramLabel = "DIR", description = "The recipe folder (default: $LAKESH_RECIPES, ./lakefs-init, or lakesh's own).")
    Path folder;
    @Parameters(index = "0", arity = "0..1", paramLabel = "RECIPE", description = "The recipe to plan or apply, e.g. setup.")
    String recipe;
    @Mixin
    RecipeOptions options;

    @Override
    public Object call() throws Exception {
        Path dir = folder != null ? folder : Recipes.folder();
        if (list) {
            Table t = Table.of("recipe", "description");
            Recipes.list(dir).forEach(e -> t.add(e.name(), e.description()));
            return t;
        }
        if (recipe == null) {
            throw new UsageException("name a recipe to plan or apply, or --list to see them");
        }
        options.checked();
        Path file = Recipes.find(dir, recipe);
        ScriptHost host = ctx.scripts();
        if (host == null) {
            throw new LakeshException("recipes are Groovy scripts and Groovy is not available here");
        }
        host.run(file, options.toArgs(), null);
        return null;
    }
}
