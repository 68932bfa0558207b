package io.lakesh.init;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A step that writes files: done when every file has exactly the wanted text (and, for files with
 * passwords, owner-only permissions); each file is written whole to a temporary name and renamed in, so an
 * interrupted apply never leaves half a file.
 */
public final class GeneratedFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private GeneratedFiles() {
    }

    /** The step; {@code secret} files (they hold passwords) are readable by their owner only. */
    public static Step step(String name, Map<Path, String> files, boolean secret) {
        Map<Path, String> wanted = new java.util.LinkedHashMap<>(files);
        return Step.of(name,
                () -> changes(wanted, secret).isEmpty(),
                () -> changes(wanted, secret),
                () -> {
                    for (Map.Entry<Path, String> f : wanted.entrySet()) {
                        write(f.getKey(), f.getValue(), secret);
                    }
                });
    }

    static List<String> changes(Map<Path, String> files, boolean secret) throws IOException {
        List<String> changes = new ArrayList<>();
        for (Map.Entry<Path, String> f : files.entrySet()) {
            Path p = f.getKey();
            if (!Files.exists(p)) {
                changes.add("+ write " + p + " (" + lines(f.getValue()) + " lines)");
                continue;
            }
            String now = Files.readString(p);
            if (!now.equals(f.getValue())) {
                changes.add("~ write " + p + " (" + differing(now, f.getValue()) + " of " + lines(f.getValue()) + " lines differ)");
            } else if (secret && !Files.getPosixFilePermissions(p).equals(OWNER_ONLY)) {
                changes.add("~ chmod 600 " + p + " (it holds a password)");
            }
        }
        return changes;
    }

    private static void write(Path file, String text, boolean secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + file.getFileName() + ".lakesh-tmp");
        Files.writeString(tmp, text);
        if (secret) {
            Files.setPosixFilePermissions(tmp, OWNER_ONLY);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static int lines(String text) {
        return (int) text.lines().count();
    }

    private static int differing(String a, String b) {
        List<String> x = a.lines().toList();
        List<String> y = b.lines().toList();
        int n = 0;
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            if (i >= x.size() || i >= y.size() || !x.get(i).equals(y.get(i))) {
                n++;
            }
        }
        return n;
    }
}
