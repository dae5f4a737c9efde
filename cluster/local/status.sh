#!/usr/bin/env bash
# Whether the local cluster is up: every component running, the API ready and the node Ready.
# usage: status.sh [--quiet]   exit 0 when up
set -uo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
quiet=${1:-}
ok=0
for c in "${COMPONENTS[@]}"; do
  if is_running "$c"; then state="running (pid $(pid_of "$c"))"; else state="not running"; ok=1; fi
  [ "$quiet" = --quiet ] || printf '%-26s %s\n' "$c" "$state"
done
[ $ok = 0 ] || exit 1
# One request when all is well (make scenario-NAME asks this before every run): an API server that
# serves the node is ready enough; /readyz is asked only to say which of the two is wrong.
if ! { [ -x "$TOOLS/kubectl" ] && ready=$(kubectl get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null); }; then
  if [ "$quiet" != --quiet ]; then
    if [ -x "$TOOLS/kubectl" ] && kubectl get --raw /readyz >/dev/null 2>&1; then echo "node $NODE_NAME not registered"; else echo "API server not ready"; fi
  fi
  exit 1
fi
[ "$quiet" = --quiet ] || echo "node $NODE_NAME Ready=$ready"
[ "$ready" = True ]
