// trino-catalogs: Trino catalog files (iceberg on the JDBC catalog, delta with register_table, tpch) for every Trino node
// Files go under <out>/trino/<host>/catalog/; they hold the catalog's password, so only their owner reads them.
import io.lakesh.init.EngineFiles

def r = recipe(args)
def files = EngineFiles.trino(r.inventory())
files.keySet().collect { it.split('/')[1] }.unique().each { host ->
    r.secretFiles("trino catalogs ${host}".toString(), files.findAll { it.key.startsWith("trino/${host}/") })
}
r.run()
