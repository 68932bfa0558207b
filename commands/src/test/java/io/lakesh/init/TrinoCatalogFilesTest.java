package io.lakesh.init;

import io.lakesh.testing.Lakesh;
import io.lakesh.testing.TrinoServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The one renderer of Trino catalog files, and the catalogs it renders at work in the real server. */
class TrinoCatalogFilesTest {

    @Test
    void anIcebergJdbcCatalogIsRenderedWithItsSettingsAndTheLocalFileSystem() {
        var jdbc = new TrinoCatalogFiles.IcebergJdbc("lake", "jdbc:postgresql://127.0.0.1:5432/lake", "lakesh", "s3cret", "local:///data/warehouse");
        assertEquals("""
                connector.name=iceberg
                iceberg.catalog.type=jdbc
                iceberg.jdbc-catalog.schema-version=V1
                iceberg.jdbc-catalog.catalog-name=lake
                iceberg.jdbc-catalog.driver-class=org.postgresql.Driver
                iceberg.jdbc-catalog.connection-url=jdbc:postgresql://127.0.0.1:5432/lake
                iceberg.jdbc-catalog.connection-user=lakesh
                iceberg.jdbc-catalog.connection-password=s3cret
                iceberg.jdbc-catalog.default-warehouse-dir=local:///data/warehouse
                fs.native-local.enabled=true
                local.location=/
                fs.hadoop.enabled=true
                """, new TrinoCatalogFiles().iceberg("iceberg", jdbc).files().get("iceberg"));
        assertFalse(jdbc.toString().contains("s3cret"), jdbc.toString());
    }

    @Test
    void theDeltaCatalogCreatesAndRegistersTablesOnLocalFilesByPath() throws Exception {
        try (Lakesh lakesh = TrinoServer.connect(Lakesh.inTempHome())) {
            Path dir = Files.createTempDirectory("lakesh-delta-");
            String schema = "s" + System.nanoTime();
            String location = "local://" + dir.toAbsolutePath();
            assertEquals(0, lakesh.run("trino create schema delta." + schema), lakesh.err());
            // an empty table: Trino 476 writes no second Delta version on local files, and a CTAS fails there too
            assertEquals(0, lakesh.run("trino create table delta." + schema + ".regions (regionkey bigint, name varchar) with (location = '" + location + "/regions')"), lakesh.err());
            lakesh.out();
            // the table by its path under a second name: what lakesh does with Delta tables it finds
            assertEquals(0, lakesh.run("trino call delta.system.register_table(schema_name => '" + schema + "', table_name => 'again', table_location => '"
                    + location + "/regions')"), lakesh.err());
            lakesh.out();
            assertEquals(0, lakesh.run("describe --format csv /trino/delta/" + schema + "/again"), lakesh.err());
            assertEquals("column,type,extra,comment\nregionkey,bigint,,\nname,varchar,,\n", lakesh.out());
            assertEquals(0, lakesh.run("trino 'select count(*) as n from delta." + schema + ".again' --format csv"), lakesh.err());
            assertEquals("n\n0\n", lakesh.out());
            TrinoLocal.deleteTree(dir);
        }
    }
}
