#!/usr/bin/env bash
# Removes exactly what up.sh made: its processes, the pods' containers, network namespaces and
# cgroups, kube-proxy's iptables rules, the mounts under .cluster/ and .cluster/ itself.
# Idempotent, and safe after a crash: it finds what is left by what it is, not only by pid file.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || die "removing the local cluster needs root: run as root"

# stop NAME: SIGTERM, then SIGKILL if the process outlives its grace period.
stop() {
  local pid
  pid=$(pid_of "$1")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  wait_until "stopped $1" 5 sh -c "! kill -0 $pid" || { kill -KILL "$pid" 2>/dev/null; wait_until "killed $1" 5 sh -c "! kill -0 $pid"; }
}

# The kubelet goes first, so nothing restarts the containers being stopped.
for c in local-volume-provisioner coredns kube-proxy kubelet; do stop "$c"; done

# Pods' network namespaces are recognised by an address in this cluster's pod range, which works
# even when their processes are already gone.
our_netns() {
  local ns
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep '^cni-'); do
    ip -n "$ns" -4 -o addr 2>/dev/null | grep -q " ${POD_CIDR%.*}\." && echo "$ns"
  done
}
pod_netns=$(our_netns)

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
for c in kube-scheduler kube-controller-manager kube-apiserver etcd; do stop "$c"; done

for ns in $pod_netns; do ip netns delete "$ns" 2>/dev/null; done
rm -f /var/lib/cni/results/demo-hooks-* 2>/dev/null

# kube-proxy's own clean-up mode removes its iptables (and nftables) rules.
if [ -x "$TOOLS/kube-proxy" ]; then "$TOOLS/kube-proxy" --cleanup >/dev/null 2>&1; fi

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
