package io.lakesh.init;

import io.lakesh.LakeshException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The recipe folder (`lakefs-init/`): finding it, its recipes and their one-line descriptions. */
public final class Recipes {
    private Recipes() {
    }

    /** A recipe's name and what its first comment line says it does. */
    public record Entry(String name, String description, Path file) {
    }

    /**
     * `LAKESH_RECIPES`, else `./lakefs-init`, else the `lakefs-init` beside the lakesh build this class came from.
     */
    public static Path folder() {
        String configured = System.getenv("LAKESH_RECIPES");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path here = Path.of("lakefs-init");
        if (Files.isDirectory(here)) {
            return here.toAbsolutePath();
        }
        try {
            Path code = Path.of(Recipes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("lakefs-init"))) {
                    return p.resolve("lakefs-init");
                }
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // no code source (an unusual class loader): only the two places above
        }
        throw new LakeshException("no recipe folder: run lakesh from the folder holding lakefs-init/, or set LAKESH_RECIPES");
    }

    public static List<Entry> list(Path folder) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(Recipes::isRecipe).sorted().toList()) {
                entries.add(new Entry(nameOf(f), description(f), f));
            }
        }
        return entries;
    }

    /** A Groovy file of the folder that builds a recipe (`recipe(args)`); others there are plain scripts. */
    static boolean isRecipe(Path f) {
        try {
            return f.getFileName().toString().endsWith(".groovy") && Files.readString(f).contains("recipe(args)");
        } catch (IOException e) {
            return false;
        }
    }

    public static Path find(Path folder, String name) throws IOException {
        Path file = folder.resolve(name + ".groovy");
        if (Files.isRegularFile(file) && !isRecipe(file)) {
            throw new LakeshException("'" + name + "' is a script, not a recipe: run it as lakesh -f " + file);
        }
        if (!name.matches("[A-Za-z0-9_.-]+") || !Files.isRegularFile(file)) {
            List<String> names = list(folder).stream().map(Entry::name).toList();
            String best = io.lakesh.Names.closest(name, names);
            throw new LakeshException("no recipe '" + name + "' in " + folder + (best == null ? "" : " (did you mean '" + best + "'?)")
                    + "; 'init --list' lists them");
        }
        return file;
    }

    static String nameOf(Path script) {
        String n = script.getFileName().toString();
        return n.endsWith(".groovy") ? n.substring(0, n.length() - ".groovy".length()) : n;
    }

    /** The first line of the header comment, without `// ` and a leading `name:`. */
    static String description(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith("//")).findFirst()
                    .map(l -> l.substring(2).strip().replaceFirst("^" + java.util.regex.Pattern.quote(nameOf(file)) + ":\\s*", ""))
                    .orElse("");
        }
    }

    /** `inventory.yaml` in the folder when there is one (the site's own), else the example. */
    static Path defaultInventory(Path folder) {
        Path own = folder.resolve("inventory.yaml");
        return Files.isRegularFile(own) ? own : folder.resolve("inventory.example.yaml");
    }
}
