// iceberg-catalog: the Iceberg JDBC catalog in PostgreSQL (role, database, catalog tables) and in lakesh.conf
// Connects to the postgres host as the inventory's admin-user; the catalog tables are made by Iceberg's JdbcCatalog.
import io.lakesh.init.CatalogDatabase

def r = recipe(args)
new CatalogDatabase(r.inventory(), r.namespace().config()).steps().each { r.add(it) }
r.run()
