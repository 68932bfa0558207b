// hdfs-config: core-site.xml, hdfs-site.xml, workers and rack topology for every node (replication from the inventory)
// Files go under <out>/hadoop/<host>/, to be copied into each node's HADOOP_CONF_DIR.
import io.lakesh.init.HadoopSiteFiles

def r = recipe(args)
def files = HadoopSiteFiles.render(r.inventory())
r.inventory().hosts.keySet().each { host ->
    r.files("hadoop config ${host}".toString(), files.findAll { it.key.startsWith("hadoop/${host}/") })
}
r.run()
