# Shared by up.sh, down.sh and status.sh: where the local cluster lives and how its processes are
# tracked. Sourced, not run.
# shellcheck shell=bash

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

# Ports that must be free before the cluster starts, with their owner.
PORTS=("2379 etcd" "2380 etcd-peer" "6443 kube-apiserver" "10257 kube-controller-manager" "10259 kube-scheduler" "10250 kubelet" "10248 kubelet-healthz" "10249 kube-proxy-metrics" "10256 kube-proxy-healthz" "8180 coredns-health" "8181 coredns-ready")

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

export KUBECONFIG="$STATE/kubeconfigs/admin.kubeconfig"
kubectl() { "$TOOLS/kubectl" --kubeconfig "$KUBECONFIG" "$@"; }
ctr_k8s() { ctr --address "$STATE/run/containerd.sock" --namespace k8s.io "$@"; }

pid_of() { cat "$PIDS/$1.pid" 2>/dev/null || true; }
# A zombie counts as gone: the components are orphans, and not every init reaps them promptly.
pid_alive() { [ -n "$1" ] && [ -r "/proc/$1/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
is_running() { pid_alive "$(pid_of "$1")"; }

# The address pods and the API server's clients reach this node on: the address of the interface
# holding the default route, or else the first global IPv4 address.
node_ip() {
  local dev ip
  dev=$(ip -4 route show default 2>/dev/null | awk '{for (i = 1; i < NF; i++) if ($i == "dev") {print $(i + 1); exit}}')
  if [ -n "$dev" ]; then
    ip=$(ip -4 -o addr show dev "$dev" scope global | awk '{split($4, a, "/"); print a[1]; exit}')
  fi
  [ -n "${ip:-}" ] || ip=$(ip -4 -o addr show scope global | awk '{split($4, a, "/"); print a[1]; exit}')
  [ -n "${ip:-}" ] || die "this machine has no global IPv4 address for the node: bring up a network interface (even a dummy one) and retry"
  echo "$ip"
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
