#!/usr/bin/env bash
# Prints the project's speed and memory figures; asserts nothing (the tests assert behaviour).
#
#   bench/run.sh                 warm cluster up/down, memory at rest, leftovers, scenario times
#   bench/run.sh --cold-tools    also: `make tools` from empty caches (about 10 minutes on 2 cores)
#   bench/run.sh --tools-only    only the tool figures (leaves the cluster alone)
#   bench/run.sh --suite         also: the whole suite serial vs parallel (tens of minutes)
#
# Targets: warm `make cluster` ≤ 30 s to node Ready with DNS answering; `make cluster-down` ≤ 10 s;
# `pre-fail` ≤ 20 s on a warm cluster. Cluster figures are for the local provider.
set -euo pipefail
cd "$(dirname "$0")/.."
CLI="node bin/demo-hooks.js"
cold_tools=0 suite=0 tools_only=0
for arg in "$@"; do
  case "$arg" in
    --cold-tools) cold_tools=1 ;;
    --suite) suite=1 ;;
    --tools-only) tools_only=1 ;;
    *) echo "unknown option $arg (use --cold-tools, --tools-only, --suite)" >&2; exit 2 ;;
  esac
done

now() { date +%s.%N; }
secs() { printf '%.1f' "$(echo "$2 - $1" | bc)"; }
figure() { printf '%-58s %s\n' "$1" "$2"; }

echo "== demo-hooks figures ($(date -u +%FT%TZ), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB)"

if [ $cold_tools = 1 ]; then
  # As on a fresh machine: no Go module or build cache, no tool cache. Linked into a scratch bin
  # so the clone's own .tools/bin (and a cluster using it) is untouched meanwhile.
  tmp=$(mktemp -d)
  start=$(now)
  DEMO_HOOKS_CACHE="$tmp/cache" DEMO_HOOKS_TOOLS_BIN="$tmp/bin" GOCACHE="$tmp/gocache" GOMODCACHE="$tmp/gomod" \
    GOFLAGS=-modcacherw bash hack/tools.sh >"$tmp.log" 2>&1 || { cat "$tmp.log" >&2; exit 1; }
  figure "make tools, cold (empty Go module, build and tool caches)" "$(secs "$start" "$(now)") s"
  grep -o 'built .* in [0-9]* s' "$tmp.log" | sed 's/^/  /'
  rm -rf "$tmp" "$tmp.log"
fi
start=$(now); bash hack/tools.sh >/dev/null
figure "make tools, warm (everything cached)" "$(secs "$start" "$(now)") s"
[ $tools_only = 0 ] || exit 0

if [ "$(CLUSTER=${CLUSTER:-} $CLI cluster status >/dev/null 2>&1; echo $?)" = 0 ]; then $CLI cluster down >/dev/null; fi
start=$(now); $CLI cluster up >/dev/null
figure "make cluster, warm: to node Ready with DNS answering" "$(secs "$start" "$(now)") s   (target ≤ 30 s)"

if [ -d .cluster/pids ]; then
  rss=0
  for pidfile in .cluster/pids/*.pid; do
    kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$(cat "$pidfile")/status" 2>/dev/null || echo 0)
    rss=$((rss + kb))
  done
  figure "control plane + node memory at rest (RSS of all components)" "$((rss / 1024)) MiB"
fi

report_seconds() { node -e 'const r = require(process.argv[1]); const helm = r.commands.reduce((s, c) => s + c.durationMs, 0);
  console.log((r.durationMs / 1000).toFixed(1), ((r.durationMs - helm) / 1000).toFixed(1), r.outcome)' "$1"; }
for major in 3 4; do
  $CLI run pre-fail --helm "$major" --report-dir reports/bench >/dev/null || true
  read -r total overhead outcome < <(report_seconds "$PWD/reports/bench/pre-fail-helm$major.json")
  figure "scenario pre-fail, Helm $major, warm cluster ($outcome)" "$total s   (target ≤ 20 s)"
  figure "  harness time beyond the Helm commands" "$overhead s"
done

if [ $suite = 1 ]; then
  start=$(now); $CLI run all --helm 3,4 --parallel 1 --report-dir reports/bench >/dev/null || true
  figure "whole suite, Helm 3 and 4, serial" "$(secs "$start" "$(now)") s"
  start=$(now); $CLI run all --helm 3,4 --parallel 3 --report-dir reports/bench >/dev/null || true
  figure "whole suite, Helm 3 and 4, --parallel 3" "$(secs "$start" "$(now)") s"
fi

start=$(now); $CLI cluster down >/dev/null
figure "make cluster-down" "$(secs "$start" "$(now)") s   (target ≤ 10 s)"
if [ -x cluster/local/leftovers.sh ]; then
  figure "left after cluster-down" "$(bash cluster/local/leftovers.sh | sed 's/^left over: //')"
fi
