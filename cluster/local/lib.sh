# Shared by up.sh, down.sh and status.sh: where the local cluster lives and how its processes are
# tracked. Sourced, not run.
# shellcheck shell=bash
# shellcheck disable=SC2034 # the settings below are read by the scripts that source this file

LOCAL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$LOCAL_DIR/../.." && pwd)
STATE=${DEMO_HOOKS_CLUSTER_DIR:-$ROOT/.cluster}
TOOLS="$ROOT/.tools/bin"
LOGS="$STATE/logs"
PIDS="$STATE/pids"

NODE_NAME=demo-hooks-node
POD_CIDR=10.244.0.0/24
SERVICE_CIDR=10.96.0.0/16
API_SERVICE_IP=10.96.0.1
DNS_IP=10.96.0.10
API_PORT=6443

# Every process the cluster runs, in start order; down.sh stops them in reverse.
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler containerd kubelet kube-proxy coredns local-volume-provisioner)

# Host ports that must be free before the cluster starts, with their owner. The kubelet's,
# kube-proxy's and CoreDNS's ports are in the node's network namespace, so no host port of theirs.
PORTS=("2379 etcd" "2380 etcd-peer" "2381 etcd-metrics" "6443 kube-apiserver" "10257 kube-controller-manager" "10259 kube-scheduler")

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

export KUBECONFIG="$STATE/kubeconfigs/admin.kubeconfig"
kubectl() { "$TOOLS/kubectl" --kubeconfig "$KUBECONFIG" "$@"; }
ctr_k8s() { ctr --address "$STATE/run/containerd.sock" --namespace k8s.io "$@"; }

# Builtins only, no cat or grep: make scenario-NAME checks every component (status.sh) before each run.
pid_of() { local pid=''; { read -r pid <"$PIDS/$1.pid"; } 2>/dev/null; printf '%s\n' "$pid"; }
# A zombie counts as gone: the components are orphans, and not every init reaps them promptly.
pid_alive() {
  local key value
  [ -n "$1" ] || return 1
  { while read -r key value _; do
    [ "$key" = State: ] && { [ "$value" != Z ]; return; }
  done <"/proc/$1/status"; } 2>/dev/null
  return 1
}
is_running() { local pid=''; { read -r pid <"$PIDS/$1.pid"; } 2>/dev/null; pid_alive "$pid"; }

# Everything this cluster makes outside .cluster/ carries its name: demo-hooks and an id made from
# the state directory's path, so a clone never mistakes another clone's cluster (or its leftovers)
# for its own, and nothing of any other Kubernetes on this machine is ever matched.
CLUSTER_ID=$(printf '%s' "$(realpath -m "$STATE")" | sha256sum | cut -c1-6)
# The node lives in a network namespace of its own, joined to the host by one veth pair: the
# kubelet, containerd (so every pod's veth), kube-proxy and CoreDNS run in it, so every iptables
# rule, route and interface the cluster makes is inside it and goes with it. The host's own
# tables, and any other Kubernetes on this machine, never see a rule of ours.
NODE_NETNS=demo-hooks-$CLUSTER_ID
NODE_NETNS_PATH=/run/netns/$NODE_NETNS
HOST_LINK=dh-$CLUSTER_ID-h
NODE_LINK=dh-$CLUSTER_ID-n
# The host end of the pair: where the node and the pods reach the API server (its advertise address).
API_ADDRESS=10.245.255.1
# The node end: the node's InternalIP, where the API server reaches the kubelet.
NODE_IP=10.245.255.2
LINK_PREFIX=30
# The kubelet's cgroup root: every pod's cgroup is under <hierarchy>/demo-hooks-<id>/kubepods.
CGROUP_ROOT=demo-hooks-$CLUSTER_ID
# The CNI network's name; libcni caches each pod's result as /var/lib/cni/results/<name>-<sandbox>-eth0.
CNI_NETWORK=demo-hooks-$CLUSTER_ID
CNI_RESULTS_DIR=/var/lib/cni/results
# The pods' network namespaces down.sh found, kept until the state directory goes: a clean-up cut
# short after the node's namespace is gone can no longer find them through their veths.
OWNED_NETNS="$STATE/owned-netns"

# in_node COMMAND...: runs COMMAND in the node's network namespace (only that namespace: the mount
# namespace stays the host's, so containerd's mounts and the cgroup tree are the ones the kubelet sees).
in_node() { nsenter --net="$NODE_NETNS_PATH" -- "$@"; }
node_netns_exists() { [ -e "$NODE_NETNS_PATH" ] && ip netns list 2>/dev/null | awk '{print $1}' | grep -qx "$NODE_NETNS"; }

# Every cgroup hierarchy mounted on this machine (v1 controllers, named ones, and a v2 one).
cgroup_hierarchies() { awk '$3 == "cgroup" || $3 == "cgroup2" {print $2}' /proc/mounts; }
# Our cgroup roots that exist now, one per hierarchy.
our_cgroups() { local h; for h in $(cgroup_hierarchies); do [ -d "$h/$CGROUP_ROOT" ] && echo "$h/$CGROUP_ROOT"; done; return 0; }
# Every process in our cgroup tree: the pods' processes, and nothing else's.
our_pod_processes() {
  local root
  for root in $(our_cgroups); do find "$root" -name cgroup.procs -exec cat {} + 2>/dev/null; done | sort -un
}

# The pods' network namespaces: those whose veth peer is in our node namespace, and those an
# earlier, interrupted down.sh recorded. Never recognised by what they look like.
our_pod_netns() {
  {
    if node_netns_exists; then
      ip -n "$NODE_NETNS" -o -d link show type veth 2>/dev/null | grep -o 'link-netns [^ ]*' | awk '{print $2}'
    fi
    [ -f "$OWNED_NETNS" ] && cat "$OWNED_NETNS"
  } | grep '^cni-' | sort -u | while read -r ns; do
    ip netns list 2>/dev/null | awk '{print $1}' | grep -qx "$ns" && echo "$ns"
  done
  return 0
}

# libcni's cached results of our pods: those of our network, and the loopback results containerd
# keeps for the same pod sandboxes (named cni-loopback-<sandbox>-lo on every containerd host, so
# only the sandboxes of our network's results are ours).
our_cni_results() {
  local f sandbox
  for f in "$CNI_RESULTS_DIR/$CNI_NETWORK"-*; do
    [ -f "$f" ] || continue
    echo "$f"
    sandbox=${f#"$CNI_RESULTS_DIR/$CNI_NETWORK"-}
    sandbox=${sandbox%-*}
    [ -f "$CNI_RESULTS_DIR/cni-loopback-$sandbox-lo" ] && echo "$CNI_RESULTS_DIR/cni-loopback-$sandbox-lo"
  done
  return 0
}

# wait_until DESCRIPTION SECONDS COMMAND...: polls a condition with a deadline. Used only where
# there is nothing to watch yet (a process before its API exists); each check is a real probe.
wait_until() {
  local what=$1 deadline=$((SECONDS + $2)); shift 2
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      return 1
    fi
    sleep 0.2
  done
  say "$what"
}
