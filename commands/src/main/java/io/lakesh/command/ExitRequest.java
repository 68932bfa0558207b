package io.lakesh.command;

/** `exit [n]`: leaves the session or script with the given status. */
public final class ExitRequest extends RuntimeException {
    private final int status;

    public ExitRequest(int status) {
        super(null, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
