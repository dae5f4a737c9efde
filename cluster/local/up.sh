#!/usr/bin/env bash
# Brings up a single-node Kubernetes from the upstream components, without Docker: one step per
# component, each with its flags visible here or in config/. State, pid files and logs live under
# .cluster/ (logs in .cluster/logs/<component>.log). Idempotent: an already healthy cluster is left
# as it is; a half-started or crashed one is cleaned up first.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

# ---- preflight -----------------------------------------------------------------------------------
[ "$(id -u)" = 0 ] || die "the local cluster runs containerd and the kubelet, which need root: run as root (sudo make cluster), or use CLUSTER=kind with Docker, or CLUSTER=existing"
[ "${#STATE}" -lt 80 ] || die "the state directory path '$STATE' is too long for containerd's socket: set DEMO_HOOKS_CLUSTER_DIR to a shorter path"

if bash "$LOCAL_DIR/status.sh" --quiet; then
  say "local cluster already up (kubeconfig: $STATE/kubeconfig)"
  exit 0
fi
if [ -d "$STATE" ]; then
  say "found a stopped or half-started cluster in $STATE: cleaning it up first"
  bash "$LOCAL_DIR/down.sh"
fi

# Packages from Debian: installed when missing, so a fresh machine needs no manual step.
need_packages=()
command -v containerd >/dev/null || need_packages+=(containerd)
command -v runc >/dev/null || need_packages+=(runc)
[ -x /usr/lib/cni/ptp ] || need_packages+=(containernetworking-plugins)
command -v iptables >/dev/null || need_packages+=(iptables)
command -v conntrack >/dev/null || need_packages+=(conntrack)
command -v openssl >/dev/null || need_packages+=(openssl)
command -v dig >/dev/null || need_packages+=(bind9-dnsutils)
command -v debootstrap >/dev/null || need_packages+=(debootstrap)
command -v ip >/dev/null || need_packages+=(iproute2)
command -v nsenter >/dev/null || need_packages+=(util-linux)
if [ ${#need_packages[@]} -gt 0 ]; then
  say "installing ${need_packages[*]} with apt-get"
  command -v apt-get >/dev/null || die "missing ${need_packages[*]} and no apt-get: install them with your package manager"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_packages[@]}"; } >"/tmp/demo-hooks-apt.log" 2>&1 ||
    die "apt-get install ${need_packages[*]} failed (see /tmp/demo-hooks-apt.log): install them by hand and retry"
fi

for tool in etcd kube-apiserver kubelet kubectl coredns; do
  [ -x "$TOOLS/$tool" ] || die "$TOOLS/$tool is missing: run 'make tools' first"
done

for entry in "${PORTS[@]}"; do
  read -r port owner <<<"$entry"
  if ss -Hltn "sport = :$port" | grep -q .; then
    die "port $port ($owner) is already in use by $(ss -Hltnp "sport = :$port" | grep -o 'users:(("[^"]*"' | cut -d'"' -f2 | head -n1): stop that process (or 'make cluster-down' if it is an earlier cluster) and retry"
  fi
done

# A cluster that was killed (a crash, a reboot of the session) leaves its node's network
# namespace, pods' namespaces and cgroups behind; they carry this cluster's names (see lib.sh),
# so down.sh removes them and nothing else.
if ! bash "$LOCAL_DIR/leftovers.sh" --check >/dev/null; then
  say "removing what an earlier cluster left on this machine: $(bash "$LOCAL_DIR/leftovers.sh" | sed 's/^left over: //')"
  bash "$LOCAL_DIR/down.sh" >/dev/null
fi

# The link between host and node uses a /30 of its own; a host that already routes it would send
# the cluster's traffic elsewhere.
link_net=${API_ADDRESS%.*}.
taken_by=$(ip -4 -o addr show | grep " ${link_net//./\\.}" | awk '{print $2}' | head -n1 || true)
if [ -n "$taken_by" ]; then
  case "$taken_by" in
    dh-*-h) die "${link_net}0/$LINK_PREFIX, which the local cluster's node link needs, is held by $taken_by: the local cluster of another clone of this repository (each clone names its own); run 'make cluster-down' in that clone and retry" ;;
    *) die "this machine already has an address in ${link_net}0/$LINK_PREFIX (on $taken_by), which the local cluster's node link needs: free it and retry" ;;
  esac
fi

# From here on, anything that fails or is interrupted removes what was started.
started_ok=0
on_exit() {
  if [ $started_ok = 0 ]; then
    say "cluster did not come up; removing what was started (logs kept in /tmp/demo-hooks-failed-logs)"
    rm -rf /tmp/demo-hooks-failed-logs
    cp -r "$LOGS" /tmp/demo-hooks-failed-logs 2>/dev/null || true
    bash "$LOCAL_DIR/down.sh" >&2 || true
  fi
}
trap on_exit EXIT
trap 'say "interrupted"; exit 130' INT TERM

mkdir -p "$STATE"/{pki,kubeconfigs,logs,pids,run,etcd,kubelet,pod-logs,volumes,cni/net.d,cni/ipam,config}

# render FILE: copies a config/ file into the state directory with its placeholders filled in.
render() {
  sed -e "s|@STATE@|$STATE|g" -e "s|@NODE_IP@|$NODE_IP|g" -e "s|@NODE_NAME@|$NODE_NAME|g" \
    -e "s|@POD_CIDR@|$POD_CIDR|g" -e "s|@DNS_IP@|$DNS_IP|g" \
    -e "s|@CGROUP_ROOT@|$CGROUP_ROOT|g" -e "s|@CNI_NETWORK@|$CNI_NETWORK|g" "$LOCAL_DIR/config/$1" >"$STATE/config/$1"
  echo "$STATE/config/$1"
}

# start NAME COMMAND...: runs a component in its own session, so it outlives this script and a
# Ctrl-C in the terminal does not reach it; its pid goes to .cluster/pids/NAME.pid.
start() {
  local name=$1; shift
  setsid "$@" >"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$PIDS/$name.pid"
}
# start_in_node NAME COMMAND...: the same, in the node's network namespace (nsenter execs, so the
# pid is the component's own).
start_in_node() {
  local name=$1; shift
  start "$name" nsenter --net="$NODE_NETNS_PATH" -- "$@"
}

# Fails fast with the component's last log lines when it died instead of becoming ready.
await() {
  local name=$1 what=$2 seconds=$3; shift 3
  wait_until "$what" "$seconds" "$@" && return 0
  is_running "$name" && die "$name did not become ready within ${seconds}s; last lines of $LOGS/$name.log:
$(tail -n 15 "$LOGS/$name.log")"
  die "$name exited; last lines of $LOGS/$name.log:
$(tail -n 15 "$LOGS/$name.log")"
}

# ---- certificates and kubeconfigs ----------------------------------------------------------------
say "certificates and kubeconfigs"
bash "$LOCAL_DIR/pki.sh" "$STATE" "$NODE_IP" "$NODE_NAME" "$API_SERVICE_IP" "$API_PORT" "$API_ADDRESS"
cp "$STATE/kubeconfigs/admin.kubeconfig" "$STATE/kubeconfig"
resolv="$STATE/resolv.conf"
# Pods with dnsPolicy Default get this file; it names no server outside the machine.
echo "nameserver $DNS_IP" >"$resolv"

# ---- the node's network namespace ----------------------------------------------------------------
say "the node's network namespace $NODE_NETNS, linked to the host by $HOST_LINK/$NODE_LINK"
ip netns add "$NODE_NETNS"
ip link add "$HOST_LINK" type veth peer name "$NODE_LINK" netns "$NODE_NETNS"
ip addr add "$API_ADDRESS/$LINK_PREFIX" dev "$HOST_LINK"
ip link set "$HOST_LINK" up
in_node ip link set lo up
in_node ip addr add "$NODE_IP/$LINK_PREFIX" dev "$NODE_LINK"
in_node ip link set "$NODE_LINK" up
in_node ip route add default via "$API_ADDRESS"
# Forwarding between pods and to the API server happens here, so this sysctl is the node
# namespace's own; the host's stays as it is.
in_node sysctl -qw net.ipv4.ip_forward=1
# Pods talk to each other, to Services, to the node and to the API server, never to another
# machine or another port of the host: a forwarded packet from the pod range to anywhere else is
# refused. Their traffic to the API server leaves with the node's address, so the host needs no
# route to the pod range.
in_node iptables -N DEMO-HOOKS-EGRESS
in_node iptables -A DEMO-HOOKS-EGRESS -d "$POD_CIDR" -j RETURN
in_node iptables -A DEMO-HOOKS-EGRESS -d "$API_ADDRESS" -p tcp --dport "$API_PORT" -j RETURN
in_node iptables -A DEMO-HOOKS-EGRESS -j REJECT --reject-with icmp-net-prohibited
in_node iptables -I FORWARD -s "$POD_CIDR" -j DEMO-HOOKS-EGRESS
in_node iptables -t nat -A POSTROUTING -s "$POD_CIDR" -o "$NODE_LINK" -j MASQUERADE

# ---- etcd ----------------------------------------------------------------------------------------
say "etcd"
# Loopback only, so plain HTTP: nothing off this machine can reach it.
start etcd "$TOOLS/etcd" --name "$NODE_NAME" --data-dir "$STATE/etcd" \
  --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
  --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
  --initial-cluster "$NODE_NAME=http://127.0.0.1:2380" \
  --listen-metrics-urls http://127.0.0.1:2381 \
  --unsafe-no-fsync
await etcd "etcd ready" 30 curl -fsS http://127.0.0.1:2379/health

# ---- kube-apiserver ------------------------------------------------------------------------------
say "kube-apiserver"
pki="$STATE/pki"
start kube-apiserver "$TOOLS/kube-apiserver" \
  --advertise-address "$API_ADDRESS" --bind-address "$API_ADDRESS" --secure-port "$API_PORT" \
  --etcd-servers http://127.0.0.1:2379 \
  --service-cluster-ip-range "$SERVICE_CIDR" \
  --client-ca-file "$pki/ca.crt" \
  --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
  --kubelet-client-certificate "$pki/apiserver-kubelet-client.crt" --kubelet-client-key "$pki/apiserver-kubelet-client.key" \
  --kubelet-certificate-authority "$pki/ca.crt" \
  --kubelet-preferred-address-types InternalIP \
  --service-account-issuer https://kubernetes.default.svc.cluster.local \
  --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
  --authorization-mode Node,RBAC \
  --enable-admission-plugins NodeRestriction \
  --allow-privileged=true \
  --profiling=false
await kube-apiserver "kube-apiserver ready" 60 kubectl get --raw /readyz

# ---- kube-controller-manager and kube-scheduler -------------------------------------------------
say "kube-controller-manager and kube-scheduler"
start kube-controller-manager "$TOOLS/kube-controller-manager" \
  --kubeconfig "$STATE/kubeconfigs/kube-controller-manager.kubeconfig" \
  --authentication-kubeconfig "$STATE/kubeconfigs/kube-controller-manager.kubeconfig" \
  --authorization-kubeconfig "$STATE/kubeconfigs/kube-controller-manager.kubeconfig" \
  --bind-address 127.0.0.1 \
  --leader-elect=false \
  --use-service-account-credentials \
  --service-account-private-key-file "$pki/sa.key" --root-ca-file "$pki/ca.crt" \
  --cluster-signing-cert-file "$pki/ca.crt" --cluster-signing-key-file "$pki/ca.key" \
  --service-cluster-ip-range "$SERVICE_CIDR"
# A pod the scheduler set aside as unschedulable is retried when a cluster event may help it, or
# after --pod-max-in-unschedulable-pods-duration (5 min by default; the leftovers are looked at every
# 30 s, PriorityQueue.Run in pkg/scheduler/backend/queue/scheduling_queue.go). Once, PostgreSQL's pod
# was set aside while its claim was being bound and not retried when it was: the install waited 4
# minutes. With 1 s a pod set aside waits 30 s at most.
start kube-scheduler "$TOOLS/kube-scheduler" --config "$(render scheduler.yaml)" --bind-address 127.0.0.1 \
  --pod-max-in-unschedulable-pods-duration 1s

# ---- containerd and the images -------------------------------------------------------------------
say "containerd"
# In the node's namespace, so the CNI plugins it runs put each pod's veth there.
start_in_node containerd containerd --config "$(render containerd.toml)"
render cni.conflist >/dev/null && mv "$STATE/config/cni.conflist" "$STATE/cni/net.d/10-demo-hooks.conflist"
await containerd "containerd ready" 30 ctr --address "$STATE/run/containerd.sock" version
images=$(bash "$LOCAL_DIR/images.sh")
for archive in "$images"/*.tar; do
  ctr_k8s images import --no-unpack=false "$archive" >/dev/null
done
say "images imported: $(ctr_k8s images ls -q | grep -c '^demo-hooks.local/')"

# ---- kubelet and kube-proxy ----------------------------------------------------------------------
say "kubelet and kube-proxy"
# The kubelet's cgroup root must exist in every hierarchy before it starts; pods go below it.
for hierarchy in $(cgroup_hierarchies); do mkdir -p "$hierarchy/$CGROUP_ROOT"; done
start_in_node kubelet "$TOOLS/kubelet" --config "$(render kubelet.yaml)" \
  --kubeconfig "$STATE/kubeconfigs/kubelet.kubeconfig" \
  --hostname-override "$NODE_NAME" --node-ip "$NODE_IP" \
  --root-dir "$STATE/kubelet"
start_in_node kube-proxy "$TOOLS/kube-proxy" --config "$(render kube-proxy.yaml)"

# ---- cluster DNS, storage ------------------------------------------------------------------------
say "CoreDNS, the kube-dns Service, the default StorageClass, the node's read of volume claims"
start_in_node coredns "$TOOLS/coredns" -conf "$(render Corefile)"
start local-volume-provisioner "$TOOLS/local-volume-provisioner" \
  --kubeconfig "$STATE/kubeconfigs/admin.kubeconfig" --base-dir "$STATE/volumes"
kubectl apply -f "$(render addons.yaml)" >/dev/null

# ---- ready ---------------------------------------------------------------------------------------
await kubelet "node $NODE_NAME registered" 60 kubectl get node "$NODE_NAME"
kubectl wait --for=condition=Ready "node/$NODE_NAME" --timeout=60s >/dev/null ||
  die "node $NODE_NAME did not become Ready; see $LOGS/kubelet.log"
say "node $NODE_NAME Ready"
# The default ServiceAccount is what pods need before they can be created in a namespace.
await kube-controller-manager "service accounts issued" 30 kubectl get serviceaccount default -n default
# Through kube-proxy's rules to CoreDNS: proves both.
await coredns "cluster DNS answers" 30 in_node sh -c "dig +short +time=1 +tries=1 @$DNS_IP kubernetes.default.svc.cluster.local | grep -qx $API_SERVICE_IP"

started_ok=1
say "local cluster up: export KUBECONFIG=$STATE/kubeconfig"
