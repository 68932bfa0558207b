package io.lakesh.namespace;

import java.net.URI;

/** A point of the namespace (e.g. {@code /hdfs}) mapped onto a store URI (e.g. {@code hdfs://nn:8020/}). */
public record Mount(String point, URI target, String origin) {

    /** The path inside the store that the mount point stands for. */
    public String targetPath() {
        String p = target.getPath();
        return p == null || p.isEmpty() ? "/" : p;
    }

    /** Key of the store that serves this mount: one client per scheme and authority. */
    public String storeKey() {
        return storeKey(target);
    }

    static String storeKey(URI uri) {
        return uri.getScheme() + "://" + (uri.getAuthority() == null ? "" : uri.getAuthority());
    }
}
