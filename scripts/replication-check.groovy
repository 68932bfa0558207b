#!/usr/bin/env -S lakesh -f
// Replication check: files whose replication is below the expected number, or whose blocks have fewer
// live replicas than their replication says. Exit status 1 when any are found (for cron and monitors).
// Usage: lakesh -f scripts/replication-check.groovy [PATH] [EXPECTED] (default: /hdfs if mounted, else /local; 2)

def mounted = lake.namespace().mounts()*.point()
def root = args.length > 0 ? args[0] : (mounted.contains('/hdfs') ? '/hdfs' : '/local')
int expected = args.length > 1 ? args[1] as int : 2

def files = lake.ls('-R', root).findAll { it.kind().label() == 'file' }
def replicated = files.findAll { it.replication() > 0 }
if (files && !replicated) {
    println "${root}: the store has no replication (local files); nothing to check"
    return
}

def problems = []
replicated.each { f ->
    if (f.replication() < expected) {
        problems << [path: f.path(), problem: "replication ${f.replication()} < ${expected}".toString(), blocks: null]
    }
    def thin = lake.blocks(f.path()).findAll { it.replicas < f.replication() }
    if (thin) {
        problems << [path: f.path(), problem: "${thin.size()} blocks with fewer live replicas than ${f.replication()}".toString(),
                     blocks: thin*.block.join(',')]
    }
}

if (problems) {
    show problems
    exit 1
}
println "${replicated.size()} files under ${root}: replication ok (expected ${expected})"
