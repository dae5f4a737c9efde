# shellcheck shell=bash
# Sourced by the scripts that debootstrap an image (cluster/local/images.sh, hack/kind-node/build.sh).
# debian_mirror prints the Debian mirror this machine's apt already uses, so images come from the
# same place; DEBIAN_MIRROR overrides it.
debian_mirror() {
  local uri=${DEBIAN_MIRROR:-}
  [ -n "$uri" ] || uri=$(grep -hs -A3 '^Types: deb' /etc/apt/sources.list.d/*.sources 2>/dev/null |
    awk '/^URIs:/ {print $2}' | grep -v -- '-security' | head -n1)
  [ -n "$uri" ] || uri=$(grep -hs '^deb ' /etc/apt/sources.list | awk '{print $2}' | grep -v -- '-security' | head -n1)
  [ -n "$uri" ] || { printf 'error: %s\n' "no Debian mirror found in /etc/apt/sources.list*: set DEBIAN_MIRROR=<url>" >&2; return 1; }
  echo "$uri"
}
