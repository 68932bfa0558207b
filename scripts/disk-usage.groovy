#!/usr/bin/env -S lakesh -f
// Disk use by table: every Iceberg and Delta table below a path with its files and bytes (with all
// replicas on HDFS), biggest first. Usage: lakesh -f scripts/disk-usage.groovy [PATH] (default: /local)

def root = args.length > 0 ? args[0] : '/local'

def tables = []
def walk
walk = { String dir ->
    lake.ls(dir).each { e ->
        if (e.kind().isTable()) {
            tables << e
        } else if (e.isDirectory()) {
            walk(e.path())
        }
    }
}
walk(root)

def rows = tables.collect { t ->
    // what the table occupies on disk: data, deletes, metadata and orphans alike
    def files = lake.find(t.path(), '-type', 'f').size()
    def du = lake.du('-s', t.path())[0]
    [table: t.path(), format: t.kind().label(), files: files, bytes: du.size, with_replicas: du.with_replicas]
}.sort { -it.bytes }

if (rows) {
    show rows
} else {
    println "no Iceberg or Delta tables under ${root}"
}
