package io.lakesh.iceberg;

/** One file of a table as maintenance sees it: what it is (data, manifest, …), where, and its size (-1: unknown). */
public record TableFile(String kind, String location, long bytes) {
    public static final String DATA = "data";
    public static final String POSITION_DELETES = "position deletes";
    public static final String EQUALITY_DELETES = "equality deletes";
    public static final String MANIFEST = "manifest";
    public static final String MANIFEST_LIST = "manifest list";
    public static final String STATISTICS = "statistics";
    public static final String METADATA = "metadata";
    public static final String UNREFERENCED = "unreferenced";

    /** "data", "position deletes", "equality deletes": how listings name a file's content. */
    public static String kindOf(org.apache.iceberg.ContentFile<?> f) {
        return switch (f.content()) {
            case DATA -> DATA;
            case POSITION_DELETES -> POSITION_DELETES;
            case EQUALITY_DELETES -> EQUALITY_DELETES;
            default -> f.content().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** A location as listings show it: relative to the table's location when below it. */
    public static String shown(String location, String tableLocation) {
        // writers spell local URIs as file:/x or file:///x: compare them alike
        String l = location.replaceFirst("^file:/+", "file:///");
        String base = tableLocation.replaceFirst("^file:/+", "file:///");
        return l.startsWith(base + "/") ? l.substring(base.length() + 1) : location;
    }

    /**
     * The location without scheme and authority, slashes collapsed: writers spell one file as
     * {@code file:/x}, {@code file:///x} or {@code hdfs://nn:8020/x}, and a table lists its own store only.
     */
    public static String key(String location) {
        return location.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*:(//[^/]*)?", "").replaceAll("/{2,}", "/");
    }
}
