// warehouse: the warehouse directories on HDFS with their owners, permissions and quotas
// Talks to the inventory's NameNode as the HDFS superuser (owners and quotas need it).
import io.lakesh.init.WarehouseLayout

def r = recipe(args)
def layout = r.uses(new WarehouseLayout(r.inventory(), r.namespace().config()))
layout.steps().each { r.add(it) }
r.run()
