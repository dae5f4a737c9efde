#!/usr/bin/env bash
# Provides the pinned tools (hack/versions.env) in .tools/bin/: those of the sets named.
#
# Each tool is built once per version into ~/.cache/demo-hooks/<tool>-<version>/ and only linked
# into the clone, so a fresh clone, CI and later sessions reuse the builds. A tool already built at
# the pinned version is never rebuilt, and a helm, kubectl or kind on PATH that is exactly the
# pinned version is used rather than built (hack/tools/on-path.sh). HELM3=, HELM4=, KIND=, KUBECTL=,
# ACTIONLINT= point at a binary you already have instead, whatever its version.
# DEMO_HOOKS_IGNORE_PATH=1: build even what PATH has. DEMO_HOOKS_PROGRESS_SECONDS: seconds between a
# build's progress lines (20).
#
# usage: hack/tools.sh [SET]...   (default: all)
#   helm3, helm4   one Helm major (helm: both)
#   helm-v3.18.6   that Helm release, any besides the pinned two (`demo-hooks run --helm 3.18.6`)
#   provider       what the cluster provider runs (DEMO_HOOKS_PROVIDER, else the CLI's choice):
#                  local: the Kubernetes components, etcd and CoreDNS; kind: kind, kubectl and the
#                  kind node image (the pinned one where it can be had, else the project's own
#                  build); existing: kubectl
#   kind, actionlint, cluster (the local provider's), kind-node (the project's node image, always)
#   all            helm, kind, actionlint and provider: what `make tools` and `make test` use
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
# shellcheck source=tools/on-path.sh
source "$root/hack/tools/on-path.sh"

# complete DIR: the build in DIR finished (see build_once). A finished build is linked without
# asking PATH, whose candidates take a process each to tell their version.
complete() { [ -f "$1/.complete" ]; }

go_install() { go install -ldflags "-s -w $2" "$1"; }

# helm_major MAJOR VERSION: .tools/bin/helmMAJOR.
helm_major() {
  local major=$1 version=$2
  local d="$cache/helm-$version"
  override "helm$major" "HELM$major" || { ! complete "$d" && on_path "helm$major" helm "$version"; } || {
    build_once "helm$major" "$d" "Helm $version" go_install "helm.sh/helm/v$major/cmd/helm@$version" \
      "-X helm.sh/helm/v$major/internal/version.version=$version"
    link "helm$major" "$d/bin/helm"
  }
  # `helm` is Helm 3 unless HELM_VERSION=4 says otherwise, for people typing the lab commands; it
  # is linked with the major it names, so it never points at a Helm this run did not provide.
  local lab_major=${HELM_VERSION:-3}
  if [ "${lab_major%%,*}" = "$major" ]; then ln -sfn "helm$major" "$bin/helm"; fi
}
helm3_tools() { helm_major 3 "$HELM3_VERSION"; }
helm4_tools() { helm_major 4 "$HELM4_VERSION"; }

# helm_release_tools v3.18.6: a Helm release besides the pinned two, built once into the cache as
# they are and linked as .tools/bin/helm-v3.18.6. A version that is not a release ends with exit 2,
# before anything is built, so the CLI can call it a bad argument.
helm_release_tools() {
  local version=$1
  if ! [[ $version =~ ^v([34])\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$ ]]; then
    printf 'error: %s is not a Helm release: give one as v3.18.6 or v4.1.0\n' "$version" >&2
    exit 2
  fi
  local major=${BASH_REMATCH[1]} d="$cache/helm-$version"
  local module="helm.sh/helm/v$major"
  # A release built before is linked without asking the network anything.
  complete "$d" || helm_release_exists "$module" "$version"
  build_once "helm$major" "$d" "Helm $version" go_install "$module/cmd/helm@$version" "-X $module/internal/version.version=$version"
  link "helm-$version" "$d/bin/helm"
}

# Asks the module proxy for this one version (go list -m MODULE@VERSION, a fraction of a second).
# Not `go list -m -versions`: a proxy's list may leave out releases it still serves (the one this was
# written against listed no 3.12, 3.13, 4.0 or 4.1 release). An answer that is not "no such version"
# (no network, no Go) decides nothing: the build then tries and says what went wrong.
helm_release_exists() {
  local module=$1 version=$2 out why
  out=$(go list -m "$module@$version" 2>&1) && return 0
  case "$out" in
    *"unknown revision"* | *"not found"* | *"404 Not Found"* | *"410 Gone"* | *"not available"*) ;;
    *) return 0 ;;
  esac
  # Go's own words, most specific first: "unknown revision v3.99.0", else the proxy's answer.
  local revision='unknown revision [^[:space:]]+' server=$'server response: *([^\n]*)'
  if [[ $out =~ $revision ]]; then
    why=${BASH_REMATCH[0]}
  elif [[ $out =~ $server ]]; then
    why=${BASH_REMATCH[1]}
  else
    why=${out##*$'\n'}
  fi
  printf 'error: Helm %s is not a release: go list -m %s@%s says "%s"; the releases are at https://github.com/helm/helm/releases\n' \
    "$version" "$module" "$version" "${why%.}" >&2
  exit 2
}

kind_tools() {
  local d="$cache/kind-$KIND_VERSION"
  override kind KIND || { ! complete "$d" && on_path kind kind "$KIND_VERSION"; } || {
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

# The Kubernetes components come from hack/kube (one multi-call binary), etcd from hack/etcd and
# CoreDNS, with only the plugins it needs, from hack/coredns. Their cache key carries a hash of the
# module files, so editing them rebuilds.
module_key() { cat "$root/hack/$1/go.mod" "$root/hack/$1/go.sum" "$root/hack/$1"/*.go | sha256sum | cut -c1-10; }

build_module() { (cd "$root/hack/$1" && go build -ldflags "-s -w $3" -o "$GOBIN/$2" .); }

kube_dir() { echo "$cache/kubernetes-$KUBERNETES_VERSION-$(module_key kube)"; }

kube_build() {
  local k8s_ldflags
  k8s_ldflags="-X k8s.io/component-base/version.gitVersion=$KUBERNETES_VERSION \
-X k8s.io/component-base/version.gitMajor=$(echo "$KUBERNETES_VERSION" | cut -d. -f1 | tr -d v) \
-X k8s.io/component-base/version.gitMinor=$(echo "$KUBERNETES_VERSION" | cut -d. -f2) \
-X k8s.io/component-base/version.gitTreeState=clean \
-X k8s.io/client-go/pkg/version.gitVersion=$KUBERNETES_VERSION"
  build_once kubernetes "$(kube_dir)" "Kubernetes $KUBERNETES_VERSION (apiserver, controller-manager, scheduler, kubelet, kube-proxy, kubectl, kubeadm, volume provisioner)" \
    build_module kube kube "$k8s_ldflags"
}

# What the local provider runs: every Kubernetes component, etcd and CoreDNS.
cluster_tools() {
  local kd c
  kd=$(kube_dir)
  kube_build
  for c in kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubeadm local-volume-provisioner; do
    link "$c" "$kd/bin/kube"
  done
  override kubectl KUBECTL || link kubectl "$kd/bin/kube"

  local ed
  ed="$cache/etcd-$ETCD_VERSION-$(module_key etcd)"
  build_once etcd "$ed" "etcd $ETCD_VERSION" build_module etcd etcd ""
  link etcd "$ed/bin/etcd"

  local dd
  dd="$cache/coredns-$COREDNS_VERSION-$(module_key coredns)"
  build_once coredns "$dd" "CoreDNS $COREDNS_VERSION (the plugins of its Corefiles)" build_module coredns coredns ""
  link coredns "$dd/bin/coredns"
}

# kind and an existing cluster need only kubectl, which KUBECTL= can supply (then nothing of
# Kubernetes is built at all); it comes from the same multi-call build as the components.
client_tools() {
  override kubectl KUBECTL && return 0
  { ! complete "$(kube_dir)" && on_path kubectl kubectl "$KUBERNETES_VERSION"; } && return 0
  kube_build
  link kubectl "$(kube_dir)/bin/kube"
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
  provide cluster_tools
  local dir
  dir=$(bash "$root/hack/kind-node/build.sh") || die "building the kind node image failed (see above)"
  ln -sfn "$dir" "$node_link"
  say "kind node image: $(cat "$dir/image") (the project's build, in $dir)"
}

# The CLI names the provider when it runs this script itself (`cluster up`, `run --up`). Which
# provider runs is the CLI's to decide (each provider's own available()), never guessed again here.
provider() {
  if [ -n "${DEMO_HOOKS_PROVIDER:-}" ]; then echo "$DEMO_HOOKS_PROVIDER"; else node "$root/bin/demo-hooks.js" cluster provider; fi
}

provider_tools() {
  local chosen
  chosen=$(provider) || die "could not tell which cluster provider to build tools for (see above)"
  case "$chosen" in
    local) provide cluster_tools ;;
    kind) provide kind_tools; provide client_tools; kind_node_tools ;;
    existing) provide client_tools ;;
    *) die "unknown cluster provider '$chosen'" ;;
  esac
}

# provide FUNCTION: runs it once, however many of the sets named include it.
provided=' '
provide() {
  case "$provided" in *" $1 "*) return 0 ;; esac
  provided+="$1 "
  "$1"
}

[ $# -gt 0 ] || set -- all
for set in "$@"; do
  case "$set" in
    helm3 | helm4) provide "${set}_tools" ;;
    helm-v*) helm_release_tools "${set#helm-}" ;;
    helm) provide helm3_tools; provide helm4_tools ;;
    kind | actionlint | cluster | provider) provide "${set}_tools" ;;
    kind-node) kind_node_tools build ;;
    all) for f in helm3_tools helm4_tools kind_tools actionlint_tools provider_tools; do provide "$f"; done ;;
    *) die "unknown tool set '$set': use all, helm3, helm4, helm, helm-vX.Y.Z, provider, kind, actionlint, cluster or kind-node" ;;
  esac
done
