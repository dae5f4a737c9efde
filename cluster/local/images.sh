#!/usr/bin/env bash
# Builds the container images the local cluster's pods need, since no registry can be reached:
#   demo-hooks.local/pause:3.10        the pod sandbox (hack/pause, a static Go binary)
#   demo-hooks.local/postgres:15       Debian 12's PostgreSQL 15, entrypoint shaped like the official image's
#   demo-hooks.local/toolbox:bookworm  busybox sh and applets (httpd among them), psql/pg_dump, curl, GNU wget
# Each is a docker-archive tarball under ~/.cache/demo-hooks/images-<key>/, built from a Debian
# rootfs made by debootstrap. The key hashes this script and the image files, so an edit rebuilds.
#
# usage: cluster/local/images.sh            prints the directory holding the tarballs
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${DEMO_HOOKS_CACHE:-$HOME/.cache/demo-hooks}
key=$(cat "$0" "$here"/image/* "$root/hack/pause/main.go" "$root/hack/debian-mirror.sh" | sha256sum | cut -c1-10)
out="$cache/images-$key"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

if [ -f "$out/.complete" ]; then echo "$out"; exit 0; fi
[ "$(id -u)" = 0 ] || die "building the images needs root (debootstrap and chroot): run as root"
command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install -y debootstrap"


work="$out.partial"
# Interrupted builds leave mounts behind; never trust or reuse them.
cleanup_work() {
  local m
  awk -v w="$work" '$2 ~ "^"w {print $2}' /proc/mounts | sort -r | while read -r m; do umount -l "$m" || true; done
  rm -rf "$work"
}
trap 'cleanup_work; exit 130' INT TERM
cleanup_work
mkdir -p "$work"

# layer_archive NAME TAG ROOTFS ENTRYPOINT_JSON CMD_JSON USER ENV_JSON: writes $out/NAME.tar,
# a one-layer docker archive that `ctr images import` reads.
layer_archive() {
  local name=$1 tag=$2 rootfs=$3 entrypoint=$4 cmd=$5 user=$6 env=$7
  local dir="$work/$name-archive"
  mkdir -p "$dir"
  tar --numeric-owner --xattrs -C "$rootfs" -cf "$dir/layer.tar" .
  local diff_id
  diff_id=$(sha256sum "$dir/layer.tar" | cut -d' ' -f1)
  cat >"$dir/config.json" <<EOF
{"architecture":"amd64","os":"linux","config":{"Entrypoint":$entrypoint,"Cmd":$cmd,"User":"$user","Env":$env,"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]}}
EOF
  cat >"$dir/manifest.json" <<EOF
[{"Config":"config.json","RepoTags":["$tag"],"Layers":["layer.tar"]}]
EOF
  tar -C "$dir" -cf "$work/$name.tar" manifest.json config.json layer.tar
  rm -rf "$dir"
  say "image $tag: $(du -h "$work/$name.tar" | cut -f1)"
}

path_env='"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/15/bin"'

say "pause image"
mkdir -p "$work/pause-rootfs"
(cd "$root/hack/pause" && CGO_ENABLED=0 go build -trimpath -ldflags '-s -w' -o "$work/pause-rootfs/pause" .)
layer_archive pause demo-hooks.local/pause:3.10 "$work/pause-rootfs" '["/pause"]' 'null' '65535' '[]'

say "Debian base rootfs (debootstrap, a few minutes the first time)"
base="$work/base"
# shellcheck source=../../hack/debian-mirror.sh
source "$root/hack/debian-mirror.sh"
mirror=$(debian_mirror) || exit 1
debootstrap --variant=minbase --include=ca-certificates bookworm "$base" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  die "debootstrap failed; see $work/debootstrap.log"
# Package scripts must not start services inside the chroot.
printf '#!/bin/sh\nexit 101\n' >"$base/usr/sbin/policy-rc.d"
chmod +x "$base/usr/sbin/policy-rc.d"

# in_chroot ROOTFS COMMAND...: runs a command in the rootfs with /proc mounted for package scripts.
in_chroot() {
  local rootfs=$1; shift
  mount -t proc proc "$rootfs/proc"
  local rc=0
  chroot "$rootfs" env DEBIAN_FRONTEND=noninteractive LC_ALL=C "$@" || rc=$?
  umount "$rootfs/proc"
  return $rc
}

# slim ROOTFS: drops what a container never reads, to keep imports fast.
slim() {
  local rootfs=$1
  in_chroot "$rootfs" apt-get clean
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
    "$rootfs"/usr/share/locale/* "$rootfs"/var/cache/debconf/*-old "$rootfs"/var/log/*
  rm -f "$rootfs/usr/sbin/policy-rc.d"
}

# direct_pg_tools ROOTFS: Debian's /usr/bin/psql, pg_isready, pg_dump and the rest are links to
# pg_wrapper, a Perl script that picks a cluster's version on every call. An image here holds one
# version, so each call started Perl for nothing: perf over a suite on two cores put a fifth of all
# CPU in pg_isready and psql, most of it in perl. The links now go straight to the binaries, as
# postgres:16-alpine's tools are (the chart's image on kind).
direct_pg_tools() {
  local rootfs=$1 bin tool
  for bin in "$rootfs"/usr/lib/postgresql/15/bin/*; do
    tool=${bin##*/}
    case "$(readlink "$rootfs/usr/bin/$tool" 2>/dev/null)" in
      *pg_wrapper) ln -sf "/usr/lib/postgresql/15/bin/$tool" "$rootfs/usr/bin/$tool" ;;
    esac
  done
  [ "$(readlink "$rootfs/usr/bin/pg_isready")" = /usr/lib/postgresql/15/bin/pg_isready ] ||
    die "pg_isready in $rootfs is not PostgreSQL 15's own binary"
}

say "postgres image"
pg="$work/postgres-rootfs"
cp -a "$base" "$pg"
# The official image runs PostgreSQL as uid 999; so does this one, so the chart's securityContext
# fits both. Creating the user first makes the package keep it.
in_chroot "$pg" sh -c 'groupadd -g 999 postgres && useradd -u 999 -g 999 -d /var/lib/postgresql -s /bin/sh postgres'
mkdir -p "$pg/etc/postgresql-common"
echo "create_main_cluster = false" >"$pg/etc/postgresql-common/createcluster.conf"
in_chroot "$pg" apt-get install -y -qq --no-install-recommends postgresql-15 >"$work/postgres-apt.log" 2>&1 ||
  die "installing postgresql-15 into the image failed; see $work/postgres-apt.log"
# LLVM is only for PostgreSQL's optional JIT (off in the entrypoint) and is a third of the image.
rm -f "$pg"/usr/lib/postgresql/15/lib/llvmjit*.so "$pg"/usr/lib/x86_64-linux-gnu/libLLVM-*.so*
rm -rf "$pg"/usr/lib/postgresql/15/lib/bitcode
direct_pg_tools "$pg"
install -m 0755 "$here/image/postgres-entrypoint.sh" "$pg/usr/local/bin/docker-entrypoint.sh"
mkdir -p "$pg/var/lib/postgresql/data" "$pg/var/run/postgresql"
chown 999:999 "$pg/var/lib/postgresql/data" "$pg/var/run/postgresql"
chmod 0777 "$pg/var/run/postgresql"
slim "$pg"
layer_archive postgres demo-hooks.local/postgres:15 "$pg" '["docker-entrypoint.sh"]' '["postgres"]' '999' \
  "[$path_env,\"PGDATA=/var/lib/postgresql/data\"]"
rm -rf "$pg"

say "toolbox image"
tb="$work/toolbox-rootfs"
cp -a "$base" "$tb"
in_chroot "$tb" apt-get install -y -qq --no-install-recommends postgresql-client-15 busybox curl wget >"$work/toolbox-apt.log" 2>&1 ||
  die "installing the toolbox packages failed; see $work/toolbox-apt.log"
direct_pg_tools "$tb"
slim "$tb"
# On kind the chart's scripts run in the upstream busybox, postgres:16-alpine and curlimages/curl
# images, where /bin/sh is busybox ash and the tools they call (grep, sed, tr, ls, sleep...) are
# busybox applets. Here too: /bin/sh is busybox, and every applet but one shadows its Debian twin
# from /usr/local/bin, which comes first in PATH.
# The one is wget, which stays GNU wget: Debian builds busybox without FEATURE_WGET_TIMEOUT, and
# then wget_main (networking/wget.c) hands getopt32 a NULL for -T's number, so `wget -T 5`, which
# the hooks use, dies with SIGSEGV. busybox's own config defaults the feature on (`default y`).
# getent is not a busybox applet; glibc's stands in for Alpine's musl one.
ln -sf busybox "$tb/usr/bin/sh"
chroot "$tb" /bin/busybox --list | while read -r applet; do
  case "$applet" in wget | sh) continue ;; esac
  ln -sf /bin/busybox "$tb/usr/local/bin/$applet"
done
layer_archive toolbox demo-hooks.local/toolbox:bookworm "$tb" 'null' '["sh"]' '65534' "[$path_env]"
rm -rf "$tb" "$base" "$work/pause-rootfs"

rm -rf "$out"
mv "$work" "$out"
touch "$out/.complete"
trap - INT TERM
say "images ready in $out"
echo "$out"
