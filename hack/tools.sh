#!/usr/bin/env bash
# Provides every pinned tool (hack/versions.env) in .tools/bin/.
#
# Each tool is built once per version into ~/.cache/demo-hooks/<tool>-<version>/ and only linked
# into the clone, so a fresh clone, CI and later sessions reuse the builds. A tool already built at
# the pinned version is never rebuilt. HELM3=, HELM4=, KIND=, KUBECTL=, ACTIONLINT= point at a binary
# you already have instead. DEMO_HOOKS_PROGRESS_SECONDS: seconds between a build's progress lines (20).
#
# usage: hack/tools.sh [all|helm|kind|cluster|actionlint|kind-node]...   (default: all; for
# CLUSTER=existing, all means Helm, kind, actionlint and kubectl only; for CLUSTER=kind, also the kind
# node image: the pinned one where it can be had, else the project's own build; kind-node builds that
# one regardless)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# A node image the caller names (CI's matrix) wins over the pinned one in versions.env.
wanted_node_image=${KIND_NODE_IMAGE:-}
# shellcheck source=versions.env
source "$root/hack/versions.env"
cache=${DEMO_HOOKS_CACHE:-$HOME/.cache/demo-hooks}
# DEMO_HOOKS_TOOLS_BIN: link somewhere else (bench/run.sh --cold-tools builds beside the real cache).
bin=${DEMO_HOOKS_TOOLS_BIN:-$root/.tools/bin}
mkdir -p "$bin" "$cache"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# link NAME TARGET: .tools/bin/NAME -> TARGET
link() { ln -sfn "$2" "$bin/$1"; }

# A user-supplied binary wins over the pinned build.
override() {
  local name=$1 var=$2
  local path=${!var:-}
  [ -n "$path" ] || return 1
  [ -x "$path" ] || die "$var=$path is not an executable file"
  link "$name" "$path"
  say "$name: using $var=$path"
}

# shellcheck source=tools/build.sh
source "$root/hack/tools/build.sh"

go_install() { go install -ldflags "-s -w $2" "$1"; }

helm_tools() {
  override helm3 HELM3 || {
    local d="$cache/helm-$HELM3_VERSION"
    build_once helm3 "$d" "Helm $HELM3_VERSION" go_install "helm.sh/helm/v3/cmd/helm@$HELM3_VERSION" \
      "-X helm.sh/helm/v3/internal/version.version=$HELM3_VERSION"
    link helm3 "$d/bin/helm"
  }
  override helm4 HELM4 || {
    local d="$cache/helm-$HELM4_VERSION"
    build_once helm4 "$d" "Helm $HELM4_VERSION" go_install "helm.sh/helm/v4/cmd/helm@$HELM4_VERSION" \
      "-X helm.sh/helm/v4/internal/version.version=$HELM4_VERSION"
    link helm4 "$d/bin/helm"
  }
  # `helm` is Helm 3 unless HELM_VERSION=4 says otherwise, for people typing the lab commands.
  ln -sfn "helm${HELM_VERSION:-3}" "$bin/helm"
}

kind_tools() {
  override kind KIND || {
    local d="$cache/kind-$KIND_VERSION"
    build_once kind "$d" "kind $KIND_VERSION" go_install "sigs.k8s.io/kind@$KIND_VERSION" ""
    link kind "$d/bin/kind"
  }
}

# actionlint checks .github/workflows in `make lint` and `make test`.
actionlint_tools() {
  override actionlint ACTIONLINT || {
    local d="$cache/actionlint-$ACTIONLINT_VERSION"
    build_once actionlint "$d" "actionlint $ACTIONLINT_VERSION" go_install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION" ""
    link actionlint "$d/bin/actionlint"
  }
}

# The Kubernetes components come from hack/kube (one multi-call binary) and etcd from hack/etcd.
# Their cache key carries a hash of the module files, so editing them rebuilds.
module_key() { cat "$root/hack/$1/go.mod" "$root/hack/$1/go.sum" "$root/hack/$1"/*.go | sha256sum | cut -c1-10; }

build_module() { (cd "$root/hack/$1" && go build -ldflags "-s -w $3" -o "$GOBIN/$2" .); }

cluster_tools() {
  local k8s_ldflags kd ed
  k8s_ldflags="-X k8s.io/component-base/version.gitVersion=$KUBERNETES_VERSION \
-X k8s.io/component-base/version.gitMajor=$(echo "$KUBERNETES_VERSION" | cut -d. -f1 | tr -d v) \
-X k8s.io/component-base/version.gitMinor=$(echo "$KUBERNETES_VERSION" | cut -d. -f2) \
-X k8s.io/component-base/version.gitTreeState=clean \
-X k8s.io/client-go/pkg/version.gitVersion=$KUBERNETES_VERSION"
  kd="$cache/kubernetes-$KUBERNETES_VERSION-$(module_key kube)"
  build_once kubernetes "$kd" "Kubernetes $KUBERNETES_VERSION (apiserver, controller-manager, scheduler, kubelet, kube-proxy, kubectl, kubeadm, volume provisioner)" \
    build_module kube kube "$k8s_ldflags"
  local c
  for c in kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubeadm local-volume-provisioner; do
    link "$c" "$kd/bin/kube"
  done
  override kubectl KUBECTL || link kubectl "$kd/bin/kube"

  ed="$cache/etcd-$ETCD_VERSION-$(module_key etcd)"
  build_once etcd "$ed" "etcd $ETCD_VERSION" build_module etcd etcd ""
  link etcd "$ed/bin/etcd"

  local dd="$cache/coredns-$COREDNS_VERSION"
  build_once coredns "$dd" "CoreDNS $COREDNS_VERSION" go_install "github.com/coredns/coredns@$COREDNS_VERSION" ""
  link coredns "$dd/bin/coredns"
}

# The local provider needs every Kubernetes component; kind and an existing cluster need only
# kubectl, which KUBECTL= can supply (then nothing of Kubernetes is built at all). Which provider
# runs is the CLI's to decide (each provider's own available()), never guessed again here.
chosen_provider=
needs_provider() {
  [ -n "$chosen_provider" ] || chosen_provider=$(provider) || die "could not tell which cluster provider to build tools for (see above)"
  [ "$chosen_provider" = "$1" ]
}

client_tools() {
  override kubectl KUBECTL && return 0
  cluster_tools
}

# The kind node image. The pinned kindest/node is used where the Docker engine has it or can pull
# it; otherwise hack/kind-node/build.sh builds one for KUBERNETES_VERSION from this machine's own
# builds and Debian's packages, and .tools/kind-node links to it, which tells the kind provider to
# boot it (with the kind config it needs). With "build", the project's image is built and used even
# where the pinned one could be had (make kind-node-image).
node_link=$(dirname "$bin")/kind-node
kind_node_tools() {
  local how=${1:-pinned-first} host image
  host=$(bash "$root/cluster/kind/dockerd.sh" up) || die "no Docker engine for the kind node image (see above)"
  if [ -n "$host" ]; then export DOCKER_HOST=$host; fi
  if [ "$how" = pinned-first ]; then
    image=${wanted_node_image:-$KIND_NODE_IMAGE}
    if docker image inspect "$image" >/dev/null 2>&1 ||
      { say "pulling the kind node image $image"; timeout 600 docker pull -q "$image" >/dev/null 2>&1; }; then
      rm -f "$node_link"
      say "kind node image: $image"
      return 0
    fi
    say "the kind node image $image cannot be had here: building one (hack/kind-node/build.sh)"
  fi
  cluster_tools
  local dir
  dir=$(bash "$root/hack/kind-node/build.sh") || die "building the kind node image failed (see above)"
  ln -sfn "$dir" "$node_link"
  say "kind node image: $(cat "$dir/image") (the project's build, in $dir)"
}

# The CLI names the provider when it runs this script itself (`cluster up`, `run --up`).
provider() {
  if [ -n "${DEMO_HOOKS_PROVIDER:-}" ]; then echo "$DEMO_HOOKS_PROVIDER"; else node "$root/bin/demo-hooks.js" cluster provider; fi
}

[ $# -gt 0 ] || set -- all
for set in "$@"; do
  case "$set" in
    helm) helm_tools ;;
    kind) kind_tools ;;
    cluster) cluster_tools ;;
    actionlint) actionlint_tools ;;
    kind-node) kind_node_tools build ;;
    all)
      helm_tools
      kind_tools
      actionlint_tools
      if needs_provider local; then cluster_tools; else client_tools; fi
      if needs_provider kind; then kind_node_tools; fi
      ;;
    *) die "unknown tool set '$set': use all, helm, kind, cluster, actionlint or kind-node" ;;
  esac
done
