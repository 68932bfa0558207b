// Written into the bench's work directory by io.lakesh.bench.ClusterBench and run as `lakesh -f many-tables.groovy`.
// Makes tables t0001.. of the Hadoop catalog at WAREHOUSE from t0000 (made by lakesh's own create + insert): each a
// real Iceberg table with its own copy of t0000's data file, committed through Iceberg (v1 and v2 metadata, a
// manifest list, a manifest, one Parquet file), which is much faster than 1,000 lakesh inserts on a loaded machine.
// Usage: lakesh -f many-tables.groovy WAREHOUSE CONF_DIR COUNT
import org.apache.hadoop.conf.Configuration
import org.apache.hadoop.fs.FileUtil
import org.apache.hadoop.fs.Path as HadoopPath
import org.apache.iceberg.DataFiles
import org.apache.iceberg.catalog.Namespace
import org.apache.iceberg.catalog.TableIdentifier
import org.apache.iceberg.hadoop.HadoopCatalog

def (warehouse, confDir, count) = [args[0], args[1], args[2] as int]
def conf = new Configuration()
['core-site.xml', 'hdfs-site.xml'].each { conf.addResource(new HadoopPath(new File(confDir, it).toURI())) }
def catalog = new HadoopCatalog(conf, warehouse)
def ns = Namespace.of('many')
def template = catalog.loadTable(TableIdentifier.of(ns, 't0000'))
def dataFile = template.currentSnapshot().addedDataFiles(template.io()).iterator().next()
def fs = new HadoopPath(dataFile.location()).getFileSystem(conf)
for (int i = 1; i < count; i++) {
    def name = String.format('t%04d', i)
    def table = catalog.createTable(TableIdentifier.of(ns, name), template.schema(), template.spec(), template.properties())
    def target = new HadoopPath(table.location() + '/data/' + new HadoopPath(dataFile.location()).name)
    FileUtil.copy(fs, new HadoopPath(dataFile.location()), fs, target, false, conf)
    table.newAppend().appendFile(DataFiles.builder(table.spec()).copy(dataFile).withPath(target.toString()).build()).commit()
}
catalog.close()
println "made ${count - 1} tables from t0000"
