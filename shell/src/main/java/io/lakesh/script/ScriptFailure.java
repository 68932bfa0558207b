package io.lakesh.script;

import io.lakesh.LakeshException;

/** A script that failed: the message is `file.groovy:LINE: what went wrong`. */
public final class ScriptFailure extends LakeshException {
    public ScriptFailure(String message) {
        super(message);
    }

    public ScriptFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
