// spark-flink: spark-defaults.conf and Flink SQL CREATE CATALOG statements for the same Iceberg and Delta tables
// Files go under <out>/spark/<host>/ and <out>/flink/<host>/; they hold the catalog's password.
import io.lakesh.init.EngineFiles

def r = recipe(args)
def inv = r.inventory()
EngineFiles.spark(inv).each { path, text -> r.secretFiles("spark defaults ${path.split('/')[1]}".toString(), [(path): text]) }
EngineFiles.flink(inv).each { path, text -> r.secretFiles("flink catalogs ${path.split('/')[1]}".toString(), [(path): text]) }
r.run()
