package io.lakesh.command;

import io.lakesh.LakeshException;

/** Ctrl-C reached the running command: it stops, cleans up what it half did, and the shell goes on. */
public class CancelledException extends LakeshException {
    public CancelledException() {
        super("cancelled");
    }

    /** Throws when the running thread was interrupted (Ctrl-C); long loops call this between steps. */
    public static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancelledException();
        }
    }
}
