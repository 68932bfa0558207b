package io.lakesh.namespace;

/** `path@version`: a table at a snapshot, version, tag or time; {@code version} is null without `@`. */
public record Versioned(String path, String version) {

    public static Versioned parse(String arg) {
        int at = arg.lastIndexOf('@');
        if (at <= 0 || arg.indexOf('/', at) >= 0) {
            return new Versioned(arg, null);
        }
        return new Versioned(arg.substring(0, at), arg.substring(at + 1));
    }

    @Override
    public String toString() {
        return version == null ? path : path + "@" + version;
    }
}
