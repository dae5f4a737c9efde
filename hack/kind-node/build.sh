#!/usr/bin/env bash
# Builds a kind node image for KUBERNETES_VERSION without pulling anything, for machines where the
# pinned kindest/node cannot be had. What kind's own node image holds, made from what this machine
# can build or install:
#   - a Debian rootfs (debootstrap) with systemd, containerd, runc, the CNI plugins, iptables,
#     conntrack and the other packages kind's base image installs, all Debian's;
#   - kind's base files (entrypoint, systemd units, containerd config), read at build time from the
#     pinned kind module in the Go module cache;
#   - kubelet, kubeadm and kubectl: the local provider's build of the upstream modules (hack/kube);
#   - the control-plane images (kube-apiserver, kube-controller-manager, kube-scheduler, kube-proxy,
#     etcd, CoreDNS) made from those same binaries, and the pause image, preloaded in the node's
#     containerd as kind's own build does (ctr images import --no-unpack, pinned). They carry the
#     project's names (demo-hooks.local/...), which cluster/kind/kind-config-offline.yaml gives kubeadm
#     (the kind provider fills in its versions);
#   - the project's CNI config (ptp, instead of kindnetd) and its volume provisioner as the default
#     StorageClass (instead of local-path-provisioner).
# The result is cached in ~/.cache/demo-hooks/kind-node-<key>/ (a docker archive), keyed by every
# input, and loaded into the Docker engine kind uses.
#
# usage: hack/kind-node/build.sh     prints the cache directory (image: the image reference, node.tar);
#                                    DOCKER_HOST picks the engine to load the image into
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=../versions.env
source "$root/hack/versions.env"
cache=${DEMO_HOOKS_CACHE:-$HOME/.cache/demo-hooks}
tools=$root/.tools/bin

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "building the kind node image needs root (debootstrap, chroot, containerd): run as root"
for t in kubelet etcd coredns; do
  [ -x "$tools/$t" ] || die "$tools/$t is missing: run 'bash hack/tools.sh cluster' first"
done
command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install -y debootstrap"
if ! command -v containerd >/dev/null || ! command -v ctr >/dev/null; then die "containerd is missing: apt-get install -y containerd"; fi
kind_module=$(go env GOMODCACHE)/sigs.k8s.io/kind@$KIND_VERSION
if [ ! -d "$kind_module/images/base/files" ]; then
  go mod download "sigs.k8s.io/kind@$KIND_VERSION" >/dev/null || die "could not get the kind module $KIND_VERSION"
fi
base_files=$kind_module/images/base/files

kube_bin=$(readlink -f "$tools/kubelet")
etcd_bin=$(readlink -f "$tools/etcd")
coredns_bin=$(readlink -f "$tools/coredns")
pause_dir=$(bash "$root/cluster/local/images.sh")

# Every input: this folder, the versions, kind's base files, the binaries.
key=$(
  {
    cat "$here"/* "$root/hack/debian-mirror.sh"
    echo "$KUBERNETES_VERSION $ETCD_VERSION $COREDNS_VERSION $KIND_VERSION"
    (cd "$base_files" && find . -type f | sort | xargs sha256sum)
    sha256sum "$kube_bin" "$etcd_bin" "$coredns_bin" "$pause_dir/pause.tar" | cut -d' ' -f1
  } | sha256sum | cut -c1-10
)
out=$cache/kind-node-$key
image=demo-hooks.local/kind-node:$KUBERNETES_VERSION-$key

load() {
  if ! docker image inspect "$image" >/dev/null 2>&1; then
    say "loading $image into Docker"
    docker load -i "$out/node.tar" >/dev/null || die "docker load of $out/node.tar failed"
  fi
  echo "$out"
}
if [ -f "$out/.complete" ]; then load; exit 0; fi


started=$SECONDS
work=$out.partial
ctr_pid=
# Stops the preload's containerd and undoes the chroot's mounts; a failed build's logs stay in
# $work until the next build starts afresh.
release_work() {
  [ -z "$ctr_pid" ] || { kill "$ctr_pid" 2>/dev/null || true; wait "$ctr_pid" 2>/dev/null || true; ctr_pid=; }
  local m
  awk -v w="$work/" 'index($2, w) == 1 {print $2}' /proc/mounts | sort -r | while read -r m; do umount -l "$m" || true; done
}
cleanup_work() { release_work; rm -rf "$work"; }
trap 'cleanup_work; exit 130' INT TERM
trap release_work EXIT
cleanup_work
mkdir -p "$work"

in_chroot() {
  local rootfs=$1; shift
  mount -t proc proc "$rootfs/proc"
  local rc=0
  chroot "$rootfs" env DEBIAN_FRONTEND=noninteractive LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@" || rc=$?
  umount "$rootfs/proc"
  return $rc
}

say "Debian rootfs (debootstrap)"
base=$work/base
# shellcheck source=../../hack/debian-mirror.sh
source "$root/hack/debian-mirror.sh"
mirror=$(debian_mirror) || exit 1
debootstrap --variant=minbase bookworm "$base" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  die "debootstrap failed; see $work/debootstrap.log"
printf '#!/bin/sh\nexit 101\n' >"$base/usr/sbin/policy-rc.d"
chmod +x "$base/usr/sbin/policy-rc.d"

# ---- the control-plane images: one layer (Debian, iptables and conntrack for kube-proxy, the
# binaries), one image per component with its own entrypoint --------------------------------------
say "control-plane images"
cp_root=$work/cp-rootfs
cp -a "$base" "$cp_root"
in_chroot "$cp_root" apt-get install -y -qq --no-install-recommends iptables conntrack >"$work/cp-apt.log" 2>&1 ||
  die "installing iptables into the control-plane image failed; see $work/cp-apt.log"
install -m 0755 "$kube_bin" "$cp_root/usr/local/bin/kube"
for c in kube-apiserver kube-controller-manager kube-scheduler kube-proxy local-volume-provisioner; do
  ln -s kube "$cp_root/usr/local/bin/$c"
done
install -m 0755 "$etcd_bin" "$cp_root/usr/local/bin/etcd"
install -m 0755 "$coredns_bin" "$cp_root/coredns"
in_chroot "$cp_root" apt-get clean
rm -rf "$cp_root"/var/lib/apt/lists/* "$cp_root"/usr/share/doc/* "$cp_root"/usr/share/man/* "$cp_root"/usr/share/locale/* \
  "$cp_root/usr/sbin/policy-rc.d" "$cp_root"/var/log/*

# archive NAME LAYER_DIR ENTRIES...: a docker archive with one shared layer; ENTRIES are
# "TAG|ENTRYPOINT_JSON|USER". Every image runs as root, as kubeadm's manifests expect of them (the
# upstream CoreDNS image runs as 65532 with a file capability to bind port 53, which this layer lacks).
archive() {
  local name=$1 rootfs=$2; shift 2
  local dir=$work/$name-archive
  mkdir -p "$dir"
  tar --numeric-owner --xattrs -C "$rootfs" -cf "$dir/layer.tar" .
  local diff_id manifest="" i=0 entry tag entrypoint user
  diff_id=$(sha256sum "$dir/layer.tar" | cut -d' ' -f1)
  for entry in "$@"; do
    IFS='|' read -r tag entrypoint user <<<"$entry"
    printf '{"architecture":"amd64","os":"linux","config":{"Entrypoint":%s,"User":"%s","Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}\n' \
      "$entrypoint" "$user" "$diff_id" >"$dir/config-$i.json"
    manifest+="${manifest:+,}{\"Config\":\"config-$i.json\",\"RepoTags\":[\"$tag\"],\"Layers\":[\"layer.tar\"]}"
    i=$((i + 1))
  done
  echo "[$manifest]" >"$dir/manifest.json"
  (cd "$dir" && tar -cf "$work/$name.tar" manifest.json config-*.json layer.tar)
  rm -rf "$dir"
  say "$name images: $(du -h "$work/$name.tar" | cut -f1)"
}
repo=demo-hooks.local
archive control-plane "$cp_root" \
  "$repo/kube-apiserver:$KUBERNETES_VERSION|[\"/usr/local/bin/kube-apiserver\"]|" \
  "$repo/kube-controller-manager:$KUBERNETES_VERSION|[\"/usr/local/bin/kube-controller-manager\"]|" \
  "$repo/kube-scheduler:$KUBERNETES_VERSION|[\"/usr/local/bin/kube-scheduler\"]|" \
  "$repo/kube-proxy:$KUBERNETES_VERSION|[\"/usr/local/bin/kube-proxy\"]|" \
  "$repo/local-volume-provisioner:$KUBERNETES_VERSION|[\"/usr/local/bin/local-volume-provisioner\"]|" \
  "$repo/etcd:$ETCD_VERSION|[\"/usr/local/bin/etcd\"]|" \
  "$repo/coredns:$COREDNS_VERSION|[\"/coredns\"]|"
rm -rf "$cp_root"

# ---- the node rootfs ----------------------------------------------------------------------------
say "node rootfs: Debian's systemd, containerd, runc, CNI plugins, iptables"
node=$base
# kind's base image list (images/base/Dockerfile), less what only other setups use (fuse-overlayfs
# for rootless, nfs-common and open-iscsi for storage drivers), plus Debian's containerd, runc and
# CNI plugins where kind builds its own.
in_chroot "$node" apt-get install -y -qq --no-install-recommends \
  systemd containerd runc containernetworking-plugins \
  conntrack iptables nftables iproute2 ethtool util-linux mount kmod \
  libseccomp2 pigz e2fsprogs bash ca-certificates curl jq procps >"$work/node-apt.log" 2>&1 ||
  die "installing the node's packages failed; see $work/node-apt.log"

say "kind $KIND_VERSION base files (from $base_files)"
install -m 0755 "$base_files"/usr/local/bin/* "$node/usr/local/bin/"
mkdir -p "$node/kind/bin" "$node/etc/containerd" "$node/etc/systemd/system/kubelet.service.d" "$node/etc/sysctl.d" "$node/etc/default"
install -m 0644 "$base_files/kind/README.txt" "$node/kind/"
install -m 0755 "$base_files"/kind/bin/* "$node/kind/bin/"
install -m 0644 "$base_files/etc/crictl.yaml" "$node/etc/"
install -m 0644 "$base_files"/etc/containerd/* "$node/etc/containerd/"
install -m 0644 "$base_files"/etc/default/* "$node/etc/default/"
install -m 0644 "$base_files"/etc/sysctl.d/* "$node/etc/sysctl.d/"
find "$base_files/etc/systemd/system" -maxdepth 1 -type f -exec install -m 0644 {} "$node/etc/systemd/system/" \;
install -m 0644 "$base_files"/etc/systemd/system/kubelet.service.d/* "$node/etc/systemd/system/kubelet.service.d/"
# kind's units run containerd from /usr/local/bin and the CNI plugins from /opt/cni/bin; Debian
# installs them in /usr/bin and /usr/lib/cni.
ln -sf /usr/bin/containerd "$node/usr/local/bin/containerd"
mkdir -p "$node/opt/cni"
ln -sfn /usr/lib/cni "$node/opt/cni/bin"
# The pod sandbox is the project's pause image (kind's config names registry.k8s.io's).
sed -i 's|sandbox_image = .*|sandbox_image = "demo-hooks.local/pause:3.10"|' "$node/etc/containerd/config.toml"
grep -q 'sandbox_image = "demo-hooks.local/pause:3.10"' "$node/etc/containerd/config.toml" ||
  die "kind's containerd config has no sandbox_image line to point at the project's pause image"
# kind's base runtime spec: containerd's default OCI spec with kind's hook that mounts the node's
# product files into each container, and no rlimits.
in_chroot "$node" sh -c 'ctr oci spec | jq ".hooks.createContainer[.hooks.createContainer | length] |= . + {\"path\": \"/kind/bin/mount-product-files.sh\"}" | jq "del(.process.rlimits)" >/etc/containerd/cri-base.json'

# The same systemd set-up as kind's base image: only the units kind needs start in a container.
rm -f "$node"/lib/systemd/system/sysinit.target.wants/systemd-tmpfiles-setup.service \
  "$node"/lib/systemd/system/multi-user.target.wants/* "$node"/etc/systemd/system/*.wants/* \
  "$node"/lib/systemd/system/local-fs.target.wants/* "$node"/lib/systemd/system/sockets.target.wants/*udev* \
  "$node"/lib/systemd/system/sockets.target.wants/*initctl* "$node"/lib/systemd/system/basic.target.wants/*
echo "ReadKMsg=no" >>"$node/etc/systemd/journald.conf"
ln -sf /usr/lib/systemd/systemd "$node/sbin/init"
in_chroot "$node" sh -c 'systemctl enable kubelet.service containerd.service undo-mount-hacks.service && systemctl mask systemd-binfmt.service' \
  >"$work/systemctl.log" 2>&1 || die "enabling the node's units failed; see $work/systemctl.log"
mkdir -p "$node/etc/kubernetes/manifests"

say "kubelet, kubeadm, kubectl $KUBERNETES_VERSION (hack/kube)"
install -m 0755 "$kube_bin" "$node/usr/bin/kube"
for c in kubelet kubeadm kubectl; do ln -sf kube "$node/usr/bin/$c"; done
echo "$KUBERNETES_VERSION" >"$node/kind/version"

mkdir -p "$node/etc/cni/net.d" "$node/kind/manifests"
install -m 0644 "$here/cni.conflist" "$node/etc/cni/net.d/10-demo-hooks.conflist"
sed "s|@KUBERNETES_VERSION@|$KUBERNETES_VERSION|g" "$here/default-storage.yaml" >"$node/kind/manifests/default-storage.yaml"

in_chroot "$node" apt-get clean
rm -rf "$node"/var/lib/apt/lists/* "$node"/usr/share/doc/* "$node"/usr/share/man/* "$node"/usr/share/locale/* \
  "$node/usr/sbin/policy-rc.d" "$node"/var/log/*.log "$node"/var/cache/debconf/*-old

# ---- preload: the images go into the node's containerd store as kind's build puts them there ---
say "preloading the images into the node's containerd"
cat >"$work/containerd.toml" <<EOF
version = 2
root = "$node/var/lib/containerd"
state = "$work/ctr-state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$work/ctr.sock"
EOF
containerd --config "$work/containerd.toml" >"$work/containerd.log" 2>&1 &
ctr_pid=$!
ctr_cmd() { ctr --address "$work/ctr.sock" --namespace k8s.io "$@"; }
deadline=$((SECONDS + 30))
until ctr_cmd version >/dev/null 2>&1; do
  if [ $SECONDS -ge $deadline ] || ! kill -0 "$ctr_pid" 2>/dev/null; then die "containerd for the preload did not start; see $work/containerd.log"; fi
  sleep 0.2
done
for archive_file in "$work/control-plane.tar" "$pause_dir/pause.tar"; do
  ctr_cmd images import --label=io.cri-containerd.pinned=pinned --all-platforms --no-unpack --digests "$archive_file" >/dev/null ||
    die "importing $archive_file into the node's containerd failed"
done
ctr_cmd images list -q | grep -v '@sha256:' | sed 's/^/    /' >&2
kill "$ctr_pid"
wait "$ctr_pid" 2>/dev/null || true
ctr_pid=
rm -f "$work/control-plane.tar"

say "node image $image"
# The node image's metadata is kind's base image's: systemd learns it is in a container from
# container=docker, and stops on SIGRTMIN+3.
archive_dir=$work/node-archive
mkdir -p "$archive_dir"
tar --numeric-owner --xattrs -C "$node" -cf "$archive_dir/layer.tar" .
diff_id=$(sha256sum "$archive_dir/layer.tar" | cut -d' ' -f1)
printf '{"architecture":"amd64","os":"linux","config":{"Entrypoint":["/usr/local/bin/entrypoint","/sbin/init"],"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","container=docker"],"StopSignal":"SIGRTMIN+3"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}\n' \
  "$diff_id" >"$archive_dir/config.json"
echo "[{\"Config\":\"config.json\",\"RepoTags\":[\"$image\"],\"Layers\":[\"layer.tar\"]}]" >"$archive_dir/manifest.json"
(cd "$archive_dir" && tar -cf "$work/node.tar" manifest.json config.json layer.tar)
rm -rf "$archive_dir" "$node"
echo "$image" >"$work/image"

rm -rf "$out"
mv "$work" "$out"
touch "$out/.complete"
trap - INT TERM EXIT
say "built the kind node image in $((SECONDS - started)) s: $(du -h "$out/node.tar" | cut -f1) in $out"
load
