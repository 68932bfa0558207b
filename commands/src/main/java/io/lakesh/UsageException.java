package io.lakesh;

/** Wrong arguments or an unknown command: exit status 2. */
public class UsageException extends LakeshException {
    public UsageException(String message) {
        super(message);
    }
}
