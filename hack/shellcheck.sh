#!/usr/bin/env bash
# Runs shellcheck over every shell script the repository tracks (the scripts run as root among them),
# and over the scripts the chart embeds in its containers' commands.
# Installs Debian's shellcheck when missing, the way cluster/local/up.sh installs its packages.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if ! command -v shellcheck >/dev/null; then
  command -v apt-get >/dev/null || { echo "error: shellcheck is missing and there is no apt-get: install shellcheck with your package manager" >&2; exit 1; }
  [ "$(id -u)" = 0 ] || { echo "error: shellcheck is missing: install it (apt-get install shellcheck, as root)" >&2; exit 1; }
  echo "==> installing shellcheck with apt-get" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends shellcheck; } >/tmp/demo-hooks-apt.log 2>&1 ||
    { echo "error: apt-get install shellcheck failed (see /tmp/demo-hooks-apt.log)" >&2; exit 1; }
fi

# Tracked files ending in .sh, and tracked files whose first line names a shell.
mapfile -t scripts < <(git ls-files | while read -r f; do
  [ -f "$f" ] || continue
  case "$f" in
    *.sh) echo "$f" ;;
    *.*) ;;
    *) head -n1 "$f" 2>/dev/null | grep -qE '^#!.*\b(ba)?sh\b' && echo "$f" ;;
  esac
done)
shellcheck --external-sources "${scripts[@]}"
echo "shellcheck: ${#scripts[@]} scripts clean"
# And the scripts embedded in the chart, as `helm template` renders them: on kind they run under
# busybox ash, so they are checked as plain POSIX sh (-s sh).
npx --no-install tsx hack/chart-scripts.ts
