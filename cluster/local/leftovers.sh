#!/usr/bin/env bash
# Counts what is left of this clone's local cluster on this machine: its processes, mounts, network
# namespaces and host interface, iptables chains in the host's tables, cgroups and CNI results.
# Only what carries this cluster's name (see lib.sh) is counted: another Kubernetes on the machine,
# or another clone's cluster, counts 0 here. After `make cluster-down` every count must be 0.
# usage: leftovers.sh [--check]   (--check: print only when something is left, exit 1 then)
set -uo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

processes=0
for c in "${COMPONENTS[@]}"; do is_running "$c" && processes=$((processes + 1)); done
processes=$((processes + $(pgrep -fc "containerd-shim.*-address $STATE/run/containerd.sock" 2>/dev/null || true)))
processes=$((processes + $(our_pod_processes | grep -c .)))
mounts=$(awk -v s="$STATE" 'index($2, s) == 1' /proc/mounts | wc -l)
netns=$(our_pod_netns | grep -c .)
node_netns_exists && netns=$((netns + 1))
interfaces=0
ip link show "$HOST_LINK" >/dev/null 2>&1 && interfaces=1
# up.sh puts no chain in the host's tables; one named like ours would be a regression.
chains=$( { iptables-save 2>/dev/null; ip6tables-save 2>/dev/null; } | grep -c '^:DEMO-HOOKS-')
cgroups=$(our_cgroups | grep -c .)
cni_results=$(our_cni_results | grep -c .)
total=$((processes + mounts + netns + interfaces + chains + cgroups + cni_results))

if [ "${1:-}" = --check ] && [ $total = 0 ]; then exit 0; fi
# Printed whatever the counts, so the benchmark can show the zeros.
printf 'left over: processes=%d mounts=%d netns=%d interfaces=%d iptables_chains=%d cgroups=%d cni_results=%d\n' \
  "$processes" "$mounts" "$netns" "$interfaces" "$chains" "$cgroups" "$cni_results"
[ $total = 0 ]
