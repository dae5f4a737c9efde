#!/usr/bin/env bash
# Removes exactly what up.sh made, and nothing else on this machine: its processes (by pid file),
# the pods' processes (by the kubelet's cgroup root, demo-hooks), the pods' network namespaces
# (their veth peers are in the node's namespace, or libcni's results for the demo-hooks network
# name them), the node's network namespace with every iptables rule and route the cluster made
# inside it, the mounts under .cluster/ and .cluster/ itself.
# Idempotent, and safe after a crash: everything it removes carries this cluster's name, so it is
# found without pid files, and another Kubernetes on the same machine is never touched.
set -uo pipefail
# shellcheck source=lib.sh
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

# Found before anything stops, while the node's namespace still shows each pod's veth peer, and
# recorded, so that a clean-up cut short still knows them next time.
pod_netns=$(our_pod_netns)
cni_results=$(our_cni_results)
[ -d "$STATE" ] && [ -n "$pod_netns" ] && printf '%s\n' "$pod_netns" >"$OWNED_NETNS"

# The kubelet goes first, so nothing restarts the containers being stopped.
stop local-volume-provisioner coredns kube-proxy kubelet

# Every container process of this cluster lives under its own cgroup root; nothing else does.
kill_pods() {
  local procs
  procs=$(our_pod_processes)
  [ -z "$procs" ] && return 0
  # shellcheck disable=SC2086 # one pid per word
  kill -KILL $procs 2>/dev/null
  return 1
}
wait_until "pod processes stopped" 10 kill_pods || say "warning: some pod processes would not stop"

# containerd's shims for this cluster's socket, then containerd itself.
for pid in $(pgrep -f "containerd-shim.*-address $STATE/run/containerd.sock" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
stop containerd
stop kube-scheduler kube-controller-manager kube-apiserver etcd

for ns in $pod_netns; do ip netns delete "$ns" 2>/dev/null; done
for f in $cni_results; do rm -f "$f"; done
# Deleting the node's namespace takes its veth pair (the host end too), its routes and every
# iptables rule kube-proxy, the kubelet and up.sh made: none of them was ever in the host's tables.
if node_netns_exists; then ip netns delete "$NODE_NETNS" 2>/dev/null; fi
ip link show "$HOST_LINK" >/dev/null 2>&1 && ip link delete "$HOST_LINK" 2>/dev/null

# Mounts under the state directory, deepest first.
awk -v s="$STATE" 'index($2, s) == 1 {print $2}' /proc/mounts | sort -r | while read -r m; do
  umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
done

# Our cgroup trees, deepest first (a cgroup directory is removed with rmdir once it is empty).
for root in $(our_cgroups); do
  find "$root" -depth -type d -exec rmdir {} + 2>/dev/null
done

rm -rf "$STATE"
say "local cluster removed"
bash "$LOCAL_DIR/leftovers.sh" --check
