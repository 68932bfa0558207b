package io.lakesh;

/** A failure the user can act on: its message is printed as one line, `cmd: message`. */
public class LakeshException extends RuntimeException {
    public LakeshException(String message) {
        super(message);
    }

    public LakeshException(String message, Throwable cause) {
        super(message, cause);
    }
}
