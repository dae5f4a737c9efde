# shellcheck shell=bash
# build_once and the progress it shows; sourced by hack/tools.sh, which defines say, die and cache.
#
# A first build takes from seconds (kind) to many minutes (Kubernetes) and Go prints nothing while
# it compiles, so a build says how long it has been going, with the time the last build of the same
# tool took (of any version: each version has its own cache directory, and the last build is the
# best guess for the next one).

: "${cache:?hack/tools.sh sets cache}"

# Seconds between progress lines; the first comes after half of it, so a build over 10 s shows one.
progress_every=${DEMO_HOOKS_PROGRESS_SECONDS:-20}
progress_fd=
progress_pid=

# The seconds the last build of TOOL took, or nothing when none is recorded.
last_build_seconds() {
  local file="$cache/build-seconds/$1"
  if [ -f "$file" ]; then cat "$file"; fi
}

# progress_lines WHAT LAST: a line every $progress_every seconds until its stdin reaches its end.
# Its stdin is a pipe that only the script holds, so the lines stop as soon as the build ends,
# however it ends: stop_progress closes the pipe, and the script's death closes it too. read -t does
# the waiting, so no sleep process is left behind by a kill.
progress_lines() {
  local what=$1 last=$2 started=$SECONDS wait=$(((progress_every + 1) / 2)) status
  while :; do
    status=0
    read -r -t "$wait" || status=$?
    # 0 (a line) or 1 (the end): the build is over. Above 128: the time passed.
    [ "$status" -gt 128 ] || return 0
    say "building $what: $((SECONDS - started)) s${last:+ (last time $last s)}"
    wait=$progress_every
  done
}

stop_progress() {
  [ -n "$progress_fd" ] || return 0
  exec {progress_fd}>&-
  wait "$progress_pid" 2>/dev/null || true
  progress_fd='' progress_pid=''
}

# build_once TOOL DIR DESCRIPTION COMMAND...: runs COMMAND to fill DIR/bin unless DIR/.complete
# exists. The marker is written last, so an interrupted build is redone rather than trusted. TOOL
# names the build for its recorded seconds (DIR/.build-seconds, and $cache/build-seconds/TOOL for
# the next version's estimate).
build_once() {
  local tool=$1 dir=$2 what=$3; shift 3
  if [ -f "$dir/.complete" ]; then return 0; fi
  command -v go >/dev/null || die "the Go toolchain is needed to build $what: install Go 1.24 or newer (https://go.dev/doc/install), or point HELM3=/HELM4=/KIND=/KUBECTL=/ACTIONLINT= at binaries you have"
  local last started=$SECONDS status=0
  last=$(last_build_seconds "$tool")
  say "building $what (once; cached in $dir${last:+; last time $last s})"
  rm -rf "$dir.partial"
  mkdir -p "$dir.partial/bin"
  trap stop_progress EXIT
  exec {progress_fd}> >(progress_lines "$what" "$last")
  progress_pid=$!
  # The build does not get the progress pipe: whatever it leaves running must not hold the lines open.
  (GOBIN="$dir.partial/bin" "$@") {progress_fd}>&- || status=$?
  stop_progress
  if [ "$status" != 0 ]; then
    rm -rf "$dir.partial"
    die "building $what failed (see the Go output above)"
  fi
  local took=$((SECONDS - started))
  echo "$took" >"$dir.partial/.build-seconds"
  rm -rf "$dir"
  mv "$dir.partial" "$dir"
  touch "$dir/.complete"
  mkdir -p "$cache/build-seconds"
  echo "$took" >"$cache/build-seconds/$tool"
  say "built $what in $took s"
}
