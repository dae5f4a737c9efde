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
if ! { [ -x "$TOOLS/kubectl" ] && kubectl get --raw /readyz >/dev/null 2>&1; }; then
  [ "$quiet" = --quiet ] || echo "API server not ready"
  exit 1
fi
ready=$(kubectl get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)
[ "$quiet" = --quiet ] || echo "node $NODE_NAME Ready=$ready"
[ "$ready" = True ]
