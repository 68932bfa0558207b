// setup: the whole reference lakehouse from one inventory (HDFS configs, warehouse, Iceberg catalog, Trino, Spark, Flink)
// lakesh init setup --plan | --apply, or lakesh -f lakefs-init/setup.groovy --plan. Each part is a recipe of its own.
def r = recipe(args)
['hdfs-config', 'warehouse', 'iceberg-catalog', 'trino-catalogs', 'spark-flink'].each { r.include(it) }
r.run()
