#!/usr/bin/env bash
# The OCI runtime of the project's dockerd: runc, given only the capabilities this host can grant.
#
# `docker run --privileged` (every kind node) asks for every capability the kernel knows. Where root
# itself lacks one in its bounding set (some sandboxes drop CAP_SYS_RESOURCE), runc cannot grant it
# and the node never starts: "unable to apply caps: operation not permitted". This wrapper removes
# exactly those capabilities from the container's spec before runc reads it; where root has them
# all, it changes nothing. Called by containerd's shim with runc's own arguments.
set -euo pipefail
# The shim passes dockerd's PATH on, which need not name sbin (capsh, runc).
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

# The specs runc reads capabilities from: a container's (create --bundle DIR: DIR/config.json,
# under .process) and an exec's (exec --process FILE, at the top).
bundle=
process=
previous=
for arg in "$@"; do
  case "$previous" in
    --bundle | -b) bundle=$arg ;;
    --process | -p) process=$arg ;;
  esac
  case "$arg" in
    --bundle=*) bundle=${arg#--bundle=} ;;
    --process=*) process=${arg#--process=} ;;
  esac
  previous=$arg
done

# bound FILE PATH: removes the capabilities root lacks from the capability sets at PATH in FILE.
bound() {
  local file=$1 path=$2
  jq --arg names "$names" "
    (\$names | split(\",\")) as \$drop
    | if $path then $path |= with_entries(.value |= map(select(. as \$c | \$drop | index(\$c) | not))) else . end" \
    "$file" >"$file.bounded"
  mv "$file.bounded" "$file"
}

last=$(cat /proc/sys/kernel/cap_last_cap)
bounding=$((16#$(awk '/^CapBnd:/ {print $2}' /proc/self/status)))
missing=$(((1 << (last + 1)) - 1 & ~bounding))
if [ "$missing" != 0 ]; then
  # capsh names them (cap_sys_resource); the OCI spec spells them CAP_SYS_RESOURCE.
  names=$(capsh --decode="$(printf '%x' "$missing")" | cut -d= -f2 | tr '[:lower:]' '[:upper:]')
  if [ -n "$bundle" ] && [ -f "$bundle/config.json" ]; then bound "$bundle/config.json" .process.capabilities; fi
  if [ -n "$process" ] && [ -f "$process" ]; then bound "$process" .capabilities; fi
fi
exec runc "$@"
