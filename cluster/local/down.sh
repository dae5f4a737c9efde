#!/usr/bin/env bash
# Removes exactly what up.sh made: its processes, the pods' containers, network namespaces and
# cgroups, kube-proxy's iptables rules, the mounts under .cluster/ and .cluster/ itself.
# Idempotent, and safe after a crash: it finds what is left by what it is, not only by pid file.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || die "removing the local cluster needs root: run as root"

# stop NAME...: SIGTERM to all at once, then SIGKILL to any that outlive a short grace period
# (the API server's graceful shutdown alone takes over 8 s, and this cluster's state is discarded).
stop() {
  local name pid pids=()
  for name in "$@"; do
    pid=$(pid_of "$name")
    pid_alive "$pid" && kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  all_gone() { local p; for p in "${pids[@]}"; do pid_alive "$p" && return 1; done; return 0; }
  wait_until "stopped $*" 3 all_gone && return 0
  kill -KILL "${pids[@]}" 2>/dev/null
  wait_until "killed $*" 5 all_gone
}

# Pods, pod networks and iptables rules are found by what they are, not by pid file, so that a
# crashed cluster is cleaned up too. That is only safe while no other local cluster is running.
others=""
for pid in $(pgrep -x kube-apiserver 2>/dev/null); do
  [ "$pid" = "$(pid_of kube-apiserver)" ] || others="$others $pid"
done


# Pods' network namespaces are recognised by an address in this cluster's pod range, which works
# even when their processes are already gone.
our_netns() {
  local ns
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep '^cni-'); do
    ip -n "$ns" -4 -o addr 2>/dev/null | grep -q " ${POD_CIDR%.*}\." && echo "$ns"
  done
}
if [ -n "$others" ]; then
  stop local-volume-provisioner coredns kube-proxy kubelet containerd kube-scheduler kube-controller-manager kube-apiserver etcd
  for m in $(awk -v s="$STATE" 'index($2, s) == 1 {print $2}' /proc/mounts | sort -r); do umount -l "$m" 2>/dev/null; done
  rm -rf "$STATE"
  say "another local cluster is running (kube-apiserver pid$others): left its pods, network and iptables rules alone"
  say "local cluster removed"
  exit 0
fi
pod_netns=$(our_netns)

# The kubelet goes first, so nothing restarts the containers being stopped.
stop local-volume-provisioner coredns kube-proxy kubelet

# Every container process lives under the kubelet's kubepods cgroup.
kill_pods() {
  local procs
  procs=$(cat /sys/fs/cgroup/*/kubepods/cgroup.procs /sys/fs/cgroup/*/kubepods/*/cgroup.procs \
    /sys/fs/cgroup/*/kubepods/*/*/cgroup.procs /sys/fs/cgroup/*/kubepods/*/*/*/cgroup.procs 2>/dev/null | sort -u)
  [ -z "$procs" ] && return 0
  kill -KILL $procs 2>/dev/null
  return 1
}
wait_until "pod processes stopped" 10 kill_pods || say "warning: some pod processes would not stop"

# containerd's shims for this cluster's socket, then containerd itself.
for pid in $(pgrep -f "containerd-shim.*-address $STATE/run/containerd.sock" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
stop containerd
stop kube-scheduler kube-controller-manager kube-apiserver etcd

for ns in $pod_netns; do ip netns delete "$ns" 2>/dev/null; done
rm -f /var/lib/cni/results/demo-hooks-* 2>/dev/null

# kube-proxy's own clean-up mode removes its iptables (and nftables) rules; the few chains the
# kubelet and up.sh make are removed by name, references first.
if [ -x "$TOOLS/kube-proxy" ]; then "$TOOLS/kube-proxy" --cleanup >/dev/null 2>&1; fi
remove_chains() {
  local cmd=$1 table chain rule
  for table in filter nat mangle; do
    for chain in KUBE-FIREWALL KUBE-KUBELET-CANARY KUBE-PROXY-CANARY KUBE-IPTABLES-HINT DEMO-HOOKS-EGRESS; do
      "$cmd" -t "$table" -S 2>/dev/null | grep -q -- "^-N $chain\$" || continue
      "$cmd" -t "$table" -S 2>/dev/null | grep -- "-j $chain\b" | sed 's/^-A /-D /' | while read -r rule; do
        eval "$cmd -t $table $rule" 2>/dev/null
      done
      "$cmd" -t "$table" -F "$chain" 2>/dev/null
      "$cmd" -t "$table" -X "$chain" 2>/dev/null
    done
  done
}
remove_chains iptables
remove_chains ip6tables

# Mounts under the state directory, deepest first.
for m in $(awk -v s="$STATE" 'index($2, s) == 1 {print $2}' /proc/mounts | sort -r); do
  umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
done

for hierarchy in /sys/fs/cgroup/*/; do
  [ -d "$hierarchy/kubepods" ] && find "$hierarchy/kubepods" -depth -type d -exec rmdir {} + 2>/dev/null
done

rm -rf "$STATE"
say "local cluster removed"
bash "$LOCAL_DIR/leftovers.sh" --check
