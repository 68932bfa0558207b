package io.lakesh.command;

import io.lakesh.LakeshException;
import io.lakesh.namespace.Location;
import io.lakesh.store.FileEntry;

import java.io.IOException;
import java.util.List;

/**
 * A command that handles each path argument on its own, as FsShell's commands do: globs expand, each
 * match is processed, an error prints one line naming the path and the command goes on with the next
 * argument; the exit status then says that something failed.
 */
public abstract class PathCommand extends LakeCommand {

    /** The path arguments; subclasses declare them with their own @Parameters for their own help text. */
    protected abstract List<String> paths();

    /** What to do with one existing path; entry is null when {@link #needsStatus()} says no. */
    protected abstract void processPath(Location item, FileEntry entry) throws Exception;

    /** Called once after all paths, e.g. to print a table collected from them. */
    protected Object finish() throws Exception {
        return null;
    }

    /** The `@version` of the argument being processed (tables at a snapshot), or null. */
    protected String version;

    /** Whether arguments may carry `@version` (table commands); others take `@` as part of the name. */
    protected boolean acceptsVersions() {
        return false;
    }

    /** Whether processPath needs the entry's table kind (it costs store round trips); ls without -d does not. */
    protected boolean needsKind() {
        return true;
    }

    /**
     * Whether processPath needs the path's status first. ls without -d does not: it lists the path (a file
     * lists as itself, a missing one fails the listing), one round trip to the NameNode instead of two.
     */
    protected boolean needsStatus() {
        return true;
    }

    /** Whether a missing path is an error (rm -f and touch say no). */
    protected boolean mustExist() {
        return true;
    }

    /** Called for a path that does not exist when {@link #mustExist()} is false. */
    protected void processMissing(Location item) throws Exception {
    }

    @Override
    public Object call() throws Exception {
        boolean failed = false;
        for (String arg : paths()) {
            try {
                io.lakesh.namespace.Versioned v = acceptsVersions() ? io.lakesh.namespace.Versioned.parse(arg)
                        : new io.lakesh.namespace.Versioned(arg, null);
                version = v.version();
                for (Location item : expandForProcessing(v.path())) {
                    CancelledException.check();
                    if (!needsStatus() && !item.isVirtual() && mustExist()) {
                        processPath(item, null);
                        continue;
                    }
                    FileEntry entry;
                    try {
                        entry = needsKind() ? ctx.namespace().stat(item) : ctx.namespace().statPlain(item);
                    } catch (java.io.FileNotFoundException e) {
                        if (mustExist()) {
                            throw e;
                        }
                        processMissing(item);
                        continue;
                    }
                    processPath(item, entry);
                }
            } catch (CancelledException e) {
                throw e;
            } catch (Exception e) {
                if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                    throw new CancelledException();
                }
                failed = true;
                ctx.err().println(name() + ": " + Errors.message(e, arg));
                if (ctx.debug()) {
                    e.printStackTrace(ctx.err());
                }
                ctx.err().flush();
            }
        }
        if (failed) {
            markFailed();
        }
        return finish();
    }

    private List<Location> expandForProcessing(String arg) throws IOException {
        if (!mustExist() && !io.lakesh.namespace.Glob.hasGlob(arg)) {
            return List.of(ctx.namespace().resolve(arg));
        }
        return expand(arg);
    }

    /** Fails the path with a message of the command's own. */
    protected static LakeshException fail(String message) {
        return new LakeshException(message);
    }
}
