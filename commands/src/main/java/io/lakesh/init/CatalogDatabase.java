package io.lakesh.init;

import io.lakesh.config.Config;
import io.lakesh.store.HadoopConf;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Iceberg JDBC catalog in PostgreSQL: a login role, a database it owns, the catalog's tables (made by
 * Iceberg's own JdbcCatalog, in the V1 layout Trino reads), and the catalog in lakesh.conf.
 */
public final class CatalogDatabase {
    private final Inventory inv;
    private final Inventory.CatalogDb db;
    private final Config config;

    public CatalogDatabase(Inventory inv, Config config) {
        if (inv.catalog() == null) {
            throw new io.lakesh.LakeshException("inventory " + inv.file().getFileName() + " has no catalog: section (database, user, password)");
        }
        this.inv = inv;
        this.db = inv.catalog();
        this.config = config;
    }

    public List<Step> steps() {
        return List.of(
                Step.of("postgres role " + db.user(), () -> roleChanges().isEmpty(), this::roleChanges, this::applyRole),
                Step.of("postgres database " + db.database(), () -> databaseChanges().isEmpty(), this::databaseChanges, this::applyDatabase),
                Step.of("iceberg catalog tables", this::catalogTablesExist,
                        () -> List.of("+ create iceberg_tables and iceberg_namespace_properties in " + db.database() + " (Iceberg's JdbcCatalog, V1)"),
                        this::createCatalogTables),
                Step.of("lakesh.conf catalog " + db.name(), () -> lakeshConfChanges().isEmpty(), this::lakeshConfChanges, this::applyLakeshConf));
    }

    /** The catalog's properties as Iceberg's CatalogUtil takes them; Spark and Flink say the same. */
    public static Map<String, String> properties(Inventory inv) {
        return properties(inv, inv.catalogJdbcUrl());
    }

    /**
     * As {@link #properties(Inventory)}, for lakesh on this machine: the database by the host's `address:` when
     * given. Table locations (the warehouse) keep the NameNode's name, as every engine writes them.
     */
    public static Map<String, String> propertiesFromHere(Inventory inv) {
        return properties(inv, inv.jdbcUrlFromHere(inv.catalog().database()));
    }

    private static Map<String, String> properties(Inventory inv, String jdbcUrl) {
        Inventory.CatalogDb db = inv.catalog();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("type", "jdbc");
        p.put("uri", jdbcUrl);
        p.put("jdbc.user", db.user());
        p.put("jdbc.password", db.password());
        p.put("jdbc.schema-version", "V1");
        p.put("warehouse", inv.defaultFs() + db.warehouse());
        return p;
    }

    /** Opens the catalog as its users do; a first open creates its tables. */
    public Catalog catalog() {
        org.apache.hadoop.conf.Configuration conf = HadoopConf.create(config);
        conf.set("fs.defaultFS", inv.defaultFs());
        conf.setInt("dfs.replication", inv.replication());
        return CatalogUtil.buildIcebergCatalog(db.name(), propertiesFromHere(inv), conf);
    }

    private void createCatalogTables() throws Exception {
        Catalog c = catalog();
        if (c instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private String adminUrl() {
        return inv.jdbcUrlFromHere("postgres");
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(adminUrl(), db.adminUser(), db.adminPassword());
    }

    private List<String> roleChanges() throws SQLException {
        try (Connection c = admin(); PreparedStatement s = c.prepareStatement("select rolcanlogin from pg_roles where rolname = ?")) {
            s.setString(1, db.user());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return List.of("+ create role " + db.user() + " (login, with the inventory's password)");
                }
                if (!r.getBoolean(1)) {
                    return List.of("~ let role " + db.user() + " log in");
                }
            }
        }
        try (Connection ignored = DriverManager.getConnection(adminUrl(), db.user(), db.password())) {
            return List.of();
        } catch (SQLException e) {
            if ("28P01".equals(e.getSQLState())) { // invalid_password
                return List.of("~ set the password of role " + db.user() + " to the inventory's");
            }
            throw e;
        }
    }

    private void applyRole() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            boolean exists;
            try (ResultSet r = s.executeQuery("select 1 from pg_roles where rolname = " + literal(db.user()))) {
                exists = r.next();
            }
            s.execute((exists ? "ALTER" : "CREATE") + " ROLE " + db.user() + " LOGIN PASSWORD " + literal(db.password()));
        }
    }

    private List<String> databaseChanges() throws SQLException {
        try (Connection c = admin(); PreparedStatement s = c.prepareStatement(
                "select pg_get_userbyid(datdba) from pg_database where datname = ?")) {
            s.setString(1, db.database());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return List.of("+ create database " + db.database() + " owned by " + db.user());
                }
                String owner = r.getString(1);
                return owner.equals(db.user()) ? List.of() : List.of("~ owner of database " + db.database() + " " + owner + " -> " + db.user());
            }
        }
    }

    private void applyDatabase() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            boolean exists;
            try (ResultSet r = s.executeQuery("select 1 from pg_database where datname = " + literal(db.database()))) {
                exists = r.next();
            }
            // names were checked to be plain identifiers when the inventory was read
            s.execute(exists ? "ALTER DATABASE " + db.database() + " OWNER TO " + db.user()
                    : "CREATE DATABASE " + db.database() + " OWNER " + db.user());
        }
    }

    private boolean catalogTablesExist() throws SQLException {
        Connection c;
        try {
            c = DriverManager.getConnection(inv.jdbcUrlFromHere(db.database()), db.user(), db.password());
        } catch (SQLException e) {
            // no such role, password or database yet: the steps before this one make them
            if (List.of("28P01", "28000", "3D000").contains(e.getSQLState())) {
                return false;
            }
            throw e;
        }
        try (c;
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from information_schema.tables where table_name in "
                     + "('iceberg_tables', 'iceberg_namespace_properties') and table_schema = current_schema()")) {
            return r.next() && r.getInt(1) == 2;
        }
    }

    private List<String> lakeshConfChanges() {
        List<String> changes = new ArrayList<>();
        String prefix = "catalog." + db.name() + ".";
        propertiesFromHere(inv).forEach((k, v) -> {
            String now = config.get(prefix + k);
            if (!v.equals(now)) {
                String shown = k.contains("password") ? "(the inventory's password)" : v;
                changes.add((now == null ? "+ " : "~ ") + prefix + k + " = " + shown + " in lakesh.conf");
            }
        });
        return changes;
    }

    private void applyLakeshConf() throws java.io.IOException {
        String prefix = "catalog." + db.name() + ".";
        propertiesFromHere(inv).forEach((k, v) -> config.set(prefix + k, v));
        config.save();
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
