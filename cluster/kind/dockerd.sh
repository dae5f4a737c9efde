#!/usr/bin/env bash
# The Docker engine kind runs on, when this machine has none: Debian's docker.io, started as a
# dockerd the project owns. A Docker engine that already answers (the user's own) is used as it is
# and never started, stopped or cleaned up here.
#
#   cluster/kind/dockerd.sh up      installs docker.io if missing, starts the project's dockerd if no
#                                   engine answers; prints the DOCKER_HOST kind must use ("" = the default)
#   cluster/kind/dockerd.sh host    prints that DOCKER_HOST without starting anything; exit 1 when no engine answers
#   cluster/kind/dockerd.sh down    stops the project's dockerd and removes what it made; a user's engine is left alone
#   cluster/kind/dockerd.sh status  exit 0 when the project's dockerd runs
#
# The project's dockerd listens on a socket of its own, never /var/run/docker.sock, so it never takes
# the place of a user's Docker, and a later `make cluster` without CLUSTER=kind does not see it and
# keeps picking the local provider (the default is decided by the default socket only).
set -euo pipefail

cache=${DEMO_HOOKS_CACHE:-$HOME/.cache/demo-hooks}
# Short paths: dockerd's exec root holds unix sockets (108 bytes at most).
DOCKER_DIR=${DEMO_HOOKS_DOCKER_DIR:-$cache/docker}
# Its image store, kept between runs so the kind node image is loaded once.
DATA_ROOT=$DOCKER_DIR/data
EXEC_ROOT=$DOCKER_DIR/run
PID_FILE=$DOCKER_DIR/dockerd.pid
SOCKET=$DOCKER_DIR/docker.sock
LOG=$DOCKER_DIR/dockerd.log
OUR_HOST=unix://$SOCKET
HERE=$(cd "$(dirname "$0")" && pwd)

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

pid_alive() { [ -n "$1" ] && [ -r "/proc/$1/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
our_pid() { cat "$PID_FILE" 2>/dev/null || true; }
# Only a dockerd whose pid file and command line are ours counts as ours.
ours_running() {
  local pid
  pid=$(our_pid)
  pid_alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--pidfile $PID_FILE"
}
# answers [DOCKER_HOST]: whether an engine answers there ("" = the client's default).
answers() {
  command -v docker >/dev/null || return 1
  DOCKER_HOST=$1 timeout 10 docker info --format '{{.ServerVersion}}' 2>/dev/null | grep -q .
}
ours() { DOCKER_HOST=$OUR_HOST docker "$@"; }

# The DOCKER_HOST to use: the environment's (the user's engine) when it answers, else ours.
current_host() {
  if answers "${DOCKER_HOST:-}"; then
    echo "${DOCKER_HOST:-}"
  elif ours_running && answers "$OUR_HOST"; then
    echo "$OUR_HOST"
  else
    return 1
  fi
}

install_docker() {
  local packages=()
  command -v dockerd >/dev/null || packages+=(docker.io)
  # runc-bounded.sh reads the host's capabilities with capsh and edits the spec with jq.
  command -v capsh >/dev/null || [ -x /usr/sbin/capsh ] || packages+=(libcap2-bin)
  command -v jq >/dev/null || packages+=(jq)
  [ ${#packages[@]} -gt 0 ] || return 0
  command -v apt-get >/dev/null || die "Docker is missing and there is no apt-get: install Docker with your package manager, or use CLUSTER=local"
  say "installing ${packages[*]} with apt-get (Debian's Docker)"
  # The package's scripts would start Docker on the default socket, where every later run would
  # find it: a policy-rc.d of our own, only while the package installs, keeps that from happening.
  local policy=/usr/sbin/policy-rc.d placed=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# placed by demo-hooks while docker.io installs: start no service\nexit 101\n' >"$policy"
    chmod +x "$policy"
    placed=1
  fi
  local rc=0
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"; } \
    >/tmp/demo-hooks-docker-apt.log 2>&1 || rc=$?
  [ $placed = 0 ] || rm -f "$policy"
  [ $rc = 0 ] || die "apt-get install ${packages[*]} failed (see /tmp/demo-hooks-docker-apt.log): install them by hand and retry"
}

up() {
  if host=$(current_host); then
    [ -n "$host" ] && say "using the project's dockerd ($host)"
    echo "$host"
    return 0
  fi
  [ "$(id -u)" = 0 ] || die "no Docker engine answers, and starting one needs root: start Docker, or run as root, or use CLUSTER=local"
  install_docker
  # A dead dockerd of ours leaves its pid file and sockets; they are ours to remove.
  rm -f "$PID_FILE" "$SOCKET"
  mkdir -p "$DATA_ROOT" "$EXEC_ROOT"
  say "starting the project's dockerd (data in $DATA_ROOT, socket $SOCKET; 'make cluster-down' stops it)"
  # --iptables=false and --ip-forward=false: this dockerd adds no chain or rule to the host's tables
  # and leaves the FORWARD policy and ip_forward as they are, so the local provider and anything
  # else on the machine see the same host as before. kind needs none of it: its node is reached on a
  # published port (docker-proxy), and nothing in the node goes out to the internet.
  # --bridge=none: no docker0 on the host; kind makes its own network ("kind").
  # The default runtime is runc through runc-bounded.sh: a privileged container (a kind node) gets
  # every capability this host's root has, not one more (see that script).
  setsid dockerd \
    --host "$OUR_HOST" \
    --pidfile "$PID_FILE" \
    --data-root "$DATA_ROOT" \
    --exec-root "$EXEC_ROOT" \
    --iptables=false --ip-forward=false --ip-masq=false --bridge=none \
    --add-runtime "demo-hooks-runc=$HERE/runc-bounded.sh" --default-runtime demo-hooks-runc \
    >"$LOG" 2>&1 </dev/null &
  local deadline=$((SECONDS + 60))
  until answers "$OUR_HOST"; do
    if [ $SECONDS -ge $deadline ] || ! pid_alive "$!"; then
      die "dockerd did not answer within 60 s; last lines of $LOG:
$(tail -n 15 "$LOG")"
    fi
    sleep 0.2
  done
  say "dockerd $(ours version --format '{{.Server.Version}}') answers on $SOCKET"
  echo "$OUR_HOST"
}

down() {
  if ! ours_running; then
    rm -f "$PID_FILE" "$SOCKET"
    say "no dockerd of the project's is running (a Docker engine of your own is left alone)"
    return 0
  fi
  # Every container and network in this engine is ours: nobody else knows its socket.
  if answers "$OUR_HOST"; then
    local containers networks
    mapfile -t containers < <(ours ps -aq)
    [ ${#containers[@]} = 0 ] || { say "removing the containers of the project's dockerd"; ours rm -f -v "${containers[@]}" >/dev/null; }
    mapfile -t networks < <(ours network ls --filter type=custom -q)
    [ ${#networks[@]} = 0 ] || { say "removing its networks"; ours network rm "${networks[@]}" >/dev/null; }
  fi
  local pid
  pid=$(our_pid)
  say "stopping the project's dockerd (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30)) killed=0
  while pid_alive "$pid"; do
    if [ $SECONDS -ge $deadline ] && [ $killed = 0 ]; then
      say "dockerd did not stop within 30 s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
      killed=1
    fi
    sleep 0.2
  done
  # Mounts a killed dockerd can leave under its own directories, and nothing else.
  awk -v d="$DOCKER_DIR/" 'index($2, d) == 1 {print $2}' /proc/mounts | sort -r | while read -r m; do umount -l "$m" || true; done
  rm -rf "$EXEC_ROOT" "$PID_FILE" "$SOCKET"
  say "the project's dockerd is stopped (its image store stays in $DATA_ROOT)"
}

case "${1:-}" in
  up) up ;;
  host) current_host ;;
  down) down ;;
  status) ours_running ;;
  *) die "usage: cluster/kind/dockerd.sh up|host|down|status" ;;
esac
