# shellcheck shell=bash
# on_path: the machine's own helm, kubectl or kind, used where it is exactly the pinned version;
# sourced by hack/tools.sh, which defines say, link, bin and cache.
: "${bin:?hack/tools.sh sets bin}" "${cache:?hack/tools.sh sets cache}"

# version_of TOOL BINARY: the version BINARY says it is, written as versions.env writes them (v1.2.3).
version_of() {
  case "$1" in
    # Helm's .Version is the release (v3.22.0); a build of someone's own may carry build
    # metadata after a +, which names no other release.
    helm) timeout 10 "$2" version --template '{{.Version}}' | sed 's/+.*//' ;;
    kubectl) timeout 10 "$2" version --client -o json | sed -n 's/^ *"gitVersion": *"\([^"]*\)".*/\1/p' ;;
    # "kind v0.33.0 go1.26.8 linux/amd64"
    kind) timeout 10 "$2" version | cut -d' ' -f2 ;;
  esac
}

# Our own links, or another clone's: .tools/bin and labs/bin/helm lead back to .tools/bin, so
# linking one would make a link to itself. Builds in the cache are ours too (when complete, they are
# linked before PATH is looked at).
ours() {
  local dir
  dir=$(cd "$(dirname "$1")" && pwd -P) || return 0
  [ "$dir" = "$(cd "$bin" && pwd -P)" ] && return 0
  [ -f "$dir/../../hack/tools.sh" ] && return 0
  case "$(readlink -f "$1")" in "$(cd "$cache" && pwd -P)"/*) return 0 ;; esac
  return 1
}

# on_path NAME TOOL VERSION: links .tools/bin/NAME to the first TOOL on PATH that is VERSION, and
# fails when there is none. The link goes to the file itself, not to a link to it, so a package
# manager that moves its link to another version leaves ours dangling rather than changed.
on_path() {
  # bench/run.sh --cold-tools times the builds of a fresh machine, whatever this one has.
  [ -z "${DEMO_HOOKS_IGNORE_PATH:-}" ] || return 1
  local name=$1 tool=$2 want=$3 candidate real version seen=' '
  while IFS= read -r candidate; do
    ours "$candidate" && continue
    # /bin and /usr/bin are often one directory: each file is asked once.
    real=$(readlink -f "$candidate") || continue
    case "$seen" in *" $real "*) continue ;; esac
    seen+="$real "
    version=$(version_of "$tool" "$candidate" 2>/dev/null) || version=
    if [ "$version" = "$want" ]; then
      link "$name" "$real"
      say "$name: using $candidate ($version, the pinned version)"
      return 0
    fi
    say "$name: not using $candidate (${version:-no version it would tell}; the pinned version is $want)"
  done < <(type -ap "$tool")
  return 1
}
