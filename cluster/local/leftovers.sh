#!/usr/bin/env bash
# Counts what is left of the local cluster on this machine: processes, mounts, network namespaces
# and interfaces, iptables chains, cgroups. After `make cluster-down` every count must be 0.
# usage: leftovers.sh [--check]   (--check: print only when something is left, exit 1 then)
set -uo pipefail
source "$(dirname "$0")/lib.sh"

processes=0
for c in "${COMPONENTS[@]}"; do is_running "$c" && processes=$((processes + 1)); done
processes=$((processes + $(pgrep -fc "containerd-shim.*-address $STATE/run/containerd.sock" 2>/dev/null || true)))
mounts=$(awk -v s="$STATE" 'index($2, s) == 1' /proc/mounts | wc -l)
netns=0
for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep '^cni-'); do
  ip -n "$ns" -4 -o addr 2>/dev/null | grep -q " ${POD_CIDR%.*}\." && netns=$((netns + 1))
done
# ptp leaves one host-side veth per pod, routed to the pod's address.
interfaces=$(ip -4 route show 2>/dev/null | grep -c "^${POD_CIDR%.*}\.[0-9]* dev veth")
chains=$( { iptables-save 2>/dev/null; ip6tables-save 2>/dev/null; } | grep -cE '^:(KUBE-|CNI-|DEMO-HOOKS-)')
cgroups=$(ls -d /sys/fs/cgroup/*/kubepods 2>/dev/null | wc -l)
total=$((processes + mounts + netns + interfaces + chains + cgroups))

if [ "${1:-}" = --check ] && [ $total = 0 ]; then exit 0; fi
# Printed whatever the counts, so the benchmark can show the zeros.
printf 'left over: processes=%d mounts=%d netns=%d interfaces=%d iptables_chains=%d cgroups=%d\n' \
  "$processes" "$mounts" "$netns" "$interfaces" "$chains" "$cgroups"
[ $total = 0 ]
