#!/usr/bin/env -S lakesh -f
// Small-files report: directories whose files are mostly small, the classic cause of slow scans and
// NameNode pressure. Usage: lakesh -f scripts/small-files.groovy [PATH] [THRESHOLD_BYTES]
// (default: /local, files under 32 MiB are small). Prints one row per directory with small files.

def root = args.length > 0 ? args[0] : '/local'
long threshold = args.length > 1 ? args[1] as long : 32L * 1024 * 1024

def files = lake.ls('-R', root).findAll { it.kind().label() == 'file' }
def byDirectory = files.groupBy { it.path().substring(0, it.path().lastIndexOf('/')) }

def report = byDirectory.collect { dir, list ->
    def small = list.findAll { it.length() < threshold }
    [directory: dir, files: list.size(), small_files: small.size(),
     small_ratio: Math.round(100.0 * small.size() / list.size()) + '%',
     average_bytes: (long) (list.sum { it.length() } / list.size())]
}.findAll { it.small_files > 0 }.sort { -it.small_files }

if (report) {
    show report
} else {
    println "no small files under ${root} (threshold ${threshold} bytes)"
}
