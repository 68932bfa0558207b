#!/usr/bin/env -S lakesh -f
// The README tour as a script: build a small layout in the local warehouse, look at it as objects,
// and clean up. Usage: lakesh -f examples/tour.groovy

lake.mkdir('-p', '/local/tour/sales/2025', '/local/tour/sales/2026')
lake.touch('/local/tour/sales/2026/orders.csv')
sh "cp /local/tour/sales/2026 /local/tour/backup"      // any command line, as typed at the prompt

def entries = lake.ls('-R', '/local/tour')
println "${entries.size()} entries under /local/tour:"
show entries.collect { [path: it.path(), kind: it.kind().label(), bytes: it.length()] }

def usage = lake.du('-s', '/local/tour')[0]
println "total: ${usage.size} bytes"

lake.rm('-r', '--force', '/local/tour')                 // scripts confirm with --force
assert !lake.exists('/local/tour')
