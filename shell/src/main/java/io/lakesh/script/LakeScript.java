package io.lakesh.script;

import groovy.lang.Script;
import io.lakesh.api.Lake;
import io.lakesh.command.ExitRequest;

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

    public void exit(int status) {
        throw new ExitRequest(status);
    }

    public void exit() {
        exit(0);
    }
}
