// local-cluster: the inventory's HDFS as local processes for demos and fault tests (one DataNode per datanode host)
// A NameNode and the DataNodes run under $LAKESH_HOME/cluster (pids, logs, data), mounted at /hdfs. Stop: lakesh cluster stop.
import io.lakesh.cluster.LocalCluster
import java.time.Duration

def r = recipe(args)
def cluster = new LocalCluster(r.namespace().home())
int dataNodes = r.inventory().withRole('datanode').size()
r.step("local cluster, ${dataNodes} DataNodes".toString(),
        { cluster.plan(dataNodes).isEmpty() },
        { cluster.plan(dataNodes).collect { "+ ${it}".toString() } },
        {
            cluster.start(dataNodes, Duration.ofMinutes(3), { line -> })
            r.namespace().mountLocalCluster()
        })
r.run()
