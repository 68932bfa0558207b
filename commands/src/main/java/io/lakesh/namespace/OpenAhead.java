package io.lakesh.namespace;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens the Hadoop stores that a command line names, by mount point (`ls /hdfs/x`) or URI
 * (`ls hdfs://nn:8020/x`), on a background thread while the command is still being parsed: the Hadoop
 * client's set-up (about 0.2 s of class initialisation, configuration and login, no NameNode call) then runs
 * beside lakesh's own start instead of after it. Only a hint: an error is left for the command to meet.
 */
final class OpenAhead {
    private static final Pattern HDFS_URI = Pattern.compile("\\bhdfs://[^/\\s'\";]+");

    private OpenAhead() {
    }

    /** The thread opening them, or null when the line names no Hadoop store. */
    static Thread start(Namespace ns, String commandLine) {
        List<URI> targets = targets(ns.mounts(), commandLine);
        if (targets.isEmpty()) {
            return null;
        }
        Thread t = new Thread(() -> {
            for (URI target : targets) {
                try {
                    ns.store(target);
                } catch (RuntimeException | LinkageError e) {
                    // the command opens the store again and reports what went wrong in its own words
                }
            }
        }, "lakesh-open-ahead");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static List<URI> targets(List<Mount> mounts, String commandLine) {
        List<URI> out = new ArrayList<>();
        for (Mount m : mounts) {
            if (!"file".equals(m.target().getScheme()) && mentions(commandLine, m.point())) {
                out.add(m.target());
            }
        }
        Matcher uri = HDFS_URI.matcher(commandLine);
        while (uri.find()) {
            out.add(URI.create(uri.group() + "/"));
        }
        return out;
    }

    /** The mount point as a whole path component at the start of a word: `/hdfs`, `/hdfs/x`, not `/hdfsx` or `a/hdfs`. */
    private static boolean mentions(String commandLine, String point) {
        return Pattern.compile("(^|[\\s'\"=])" + Pattern.quote(point) + "($|[/\\s'\";])").matcher(commandLine).find();
    }
}
