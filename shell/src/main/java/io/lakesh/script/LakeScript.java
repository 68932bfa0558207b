package io.lakesh.script;

import groovy.lang.Script;
import io.lakesh.api.Lake;
import io.lakesh.command.ExitRequest;
import io.lakesh.init.RecipeRun;

import java.nio.file.Path;
import java.util.List;

/** The base class of every lakesh Groovy script: `sh('ls -l /hdfs')` and `exit n` next to the binding. */
public abstract class LakeScript extends Script {

    /** Runs a lakesh command line and returns its value (entries, rows, text). */
    public Object sh(String line) {
        return ((Lake) getProperty("lake")).sh(line);
    }

    /** Prints rows (a list of maps or records) as a table in the session's format; anything else as text. */
    public void show(Object value) {
        ((Lake) getProperty("lake")).print(value);
    }

    /** Binding variables: the file being run, and the recipe that includes this one. */
    public static final String SCRIPT_FILE = "scriptFile";
    static final String PARENT_RECIPE = "parentRecipe";

    /**
     * The recipe this script adds its steps to: a new one from the script's arguments, or, when another recipe
     * includes this one, that recipe's.
     */
    public RecipeRun recipe(String[] args) {
        if (getBinding().hasVariable(PARENT_RECIPE)) {
            return (RecipeRun) getBinding().getVariable(PARENT_RECIPE);
        }
        if (!getBinding().hasVariable(SCRIPT_FILE)) {
            throw new io.lakesh.LakeshException("recipe(args) is for recipe files: lakesh init NAME, or lakesh -f lakefs-init/NAME.groovy");
        }
        return RecipeRun.start(((Lake) getProperty("lake")).context(), (Path) getBinding().getVariable(SCRIPT_FILE), List.of(args));
    }

    public void exit(int status) {
        throw new ExitRequest(status);
    }

    public void exit() {
        exit(0);
    }
}
