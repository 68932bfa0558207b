package io.lakesh.namespace;

import io.lakesh.store.Store;

/**
 * A path the user named, resolved: how it is shown ({@code display}: a namespace path such as
 * {@code /local/a} or a URI such as {@code hdfs://nn:8020/a}), the store that holds it and the path
 * inside that store. The namespace root and mount points above a store have no store.
 */
public record Location(String display, Store store, String storePath) {

    public static final Location ROOT = new Location("/", null, null);

    public boolean isVirtual() {
        return store == null;
    }

    public String name() {
        if (display.equals("/")) {
            return "/";
        }
        String d = display.endsWith("/") && display.length() > 1 ? display.substring(0, display.length() - 1) : display;
        return d.substring(d.lastIndexOf('/') + 1);
    }

    /** The full URI of the path in its store, e.g. {@code hdfs://nn:8020/a} or {@code file:///home/a}; null above the mounts. */
    public String uri() {
        if (store == null) {
            return null;
        }
        String root = store.uri().toString();
        return (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + storePath;
    }

    public Location child(String name) {
        return new Location(join(display, name), store, store == null ? null : join(storePath, name));
    }

    /** The location of a store path below this one (from a listing of this location's store). */
    public Location descendant(String childStorePath) {
        if (storePath.equals(childStorePath)) {
            return this;
        }
        String base = storePath.endsWith("/") ? storePath : storePath + "/";
        if (!childStorePath.startsWith(base)) {
            throw new IllegalArgumentException(childStorePath + " is not below " + storePath);
        }
        return new Location(join(display, childStorePath.substring(base.length())), store, childStorePath);
    }

    static String join(String parent, String name) {
        return parent.endsWith("/") ? parent + name : parent + "/" + name;
    }

    @Override
    public String toString() {
        return display;
    }
}
