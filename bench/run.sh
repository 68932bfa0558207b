#!/usr/bin/env bash
# Builds lakesh, then runs the benchmark harness (io.lakesh.bench.Bench), which writes BENCHMARKS.md at the
# repository root. Other options are passed to Bench: --only ls,prompt,rss,cp,script,iceberg,sql,trino,cluster,delta (sections), --runs N,
# --cp-runs N, --cp-default-runs N, --cp-files N, --rss-runs N, --script-runs N, --script-calls N, --fsshell-sample N,
# --code-runs N, --load-runs N, --load-rows N, --tables N, --table-ls-runs N, --keep, --out FILE, --work DIR.
# A full run takes about 15 minutes on 2 cores. A partial run (--only) replaces its own sections of BENCHMARKS.md and
# their summary rows, and keeps the other sections as they are; every section names the run (date, commit) it comes from.
# --no-build skips the full build and measures shell/target/lakesh.jar as it is (the bench module is still compiled).
set -euo pipefail
repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$repo"
args=()
build=1
for a in "$@"; do
  if [ "$a" = --no-build ]; then build=0; else args+=("$a"); fi
done
if [ "$build" = 1 ]; then
  echo "[bench] building (mvn -q -B -DskipTests install)" >&2
  mvn -q -B -DskipTests install
else
  (cd bench && mvn -q -B compile)
fi
cpfile="$repo/bench/target/bench-classpath.txt"
(cd bench && mvn -q -B dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=runtime)
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -Xmx2g -cp "$repo/bench/target/classes:$(cat "$cpfile")" io.lakesh.bench.Bench \
  --repo "$repo" --classpath-file "$cpfile" ${args[@]+"${args[@]}"}
