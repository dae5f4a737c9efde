#!/usr/bin/env bash
# Prints the project's speed and memory figures, each beside its goal; asserts nothing (the tests
# assert behaviour, and no figure fails because a machine was slow).
#
#   bench/run.sh                 warm cluster up/down, memory at rest, leftovers, and pre-fail on
#                                Helm 3 and 4: where its time goes, and the same Helm commands bare
#   bench/run.sh --pairs N       pre-fail through make and bare, N times each in turn (default 3): medians
#   bench/run.sh --repeat N      also: pre-fail, post-fail and atomic N times on Helm 3 and 4 (flakiness; the slowest run's report is kept)
#   bench/run.sh --suite         also: every scenario on Helm 3 and 4 at the integration suite's parallelism
#   bench/run.sh --cold-tools    also: `make tools` from empty caches (about 10 minutes on 2 cores)
#   bench/run.sh --tools-only    only the tool figures (leaves the cluster alone)
#   bench/run.sh --kind          only the kind figures, beside the local ones above: the kind node image
#                                built cold (hack/kind-node/build.sh into an empty cache), CLUSTER=kind
#                                cluster up from nothing, pre-fail on Helm 3 and 4, cluster down
#                                (a local cluster is left alone)
#   bench/run.sh --no-restart    use the running cluster and the built tools as they are (a shared
#                                cluster): no tools or cluster up/down figures
#   bench/run.sh --noisy         only `observe` of a failing hook that prints one 200 kB line, and one
#                                that prints 50,000 lines, beside one that prints a few, each over the
#                                same `helm install` bare (test/fixtures/charts/noisy-hook; a running
#                                cluster is used as it is, medians of --pairs)
#   bench/run.sh --no-record     print the figures only (see below)
#
# Results are recorded in bench/RESULTS.md: a run that ends well appends a dated section there with
# its command line and every figure it printed, to commit with the change it measured.
#
# Goals (issue 14): warm `make cluster` ≤ 30 s to node Ready with DNS answering; `make cluster-down`
# ≤ 10 s; `pre-fail` ≤ 25 s end to end on a warm cluster; harness time beyond Helm ≤ 3 s per run;
# scenario / bare Helm ≤ 1.2; the suite ≤ 10 min on two cores; every repeated run passes.
# Issue 25: observe of a hook printing a 200 kB line or 50,000 lines / the same Helm command bare ≤ 1.2.
# Cluster figures are for the local provider.
set -euo pipefail
cd "$(dirname "$0")/.."
CLI="node bin/demo-hooks.js"
TIMINGS="node --import tsx bench/timings.ts"
usage="usage: bench/run.sh [--pairs N] [--repeat N] [--suite] [--cold-tools] [--tools-only] [--no-restart] [--kind] [--noisy] [--no-record]"
cold_tools=0 suite=0 tools_only=0 repeat=0 restart=1 kind=0 noisy=0 pairs=3 record=1
args=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --cold-tools) cold_tools=1 ;;
    --suite) suite=1 ;;
    --tools-only) tools_only=1 ;;
    --no-restart) restart=0 ;;
    --kind) kind=1 ;;
    --noisy) noisy=1 ;;
    --no-record) record=0 ;;
    --pairs)
      [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { printf 'error: --pairs needs a whole number of runs, 1 or more (got "%s")\n%s\n' "${2:-}" "$usage" >&2; exit 2; }
      pairs=$2; shift ;;
    --repeat)
      [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { printf 'error: --repeat needs a whole number of runs, 1 or more (got "%s")\n%s\n' "${2:-}" "$usage" >&2; exit 2; }
      repeat=$2; shift ;;
    *) printf 'error: unknown option %s (use --pairs N, --repeat N, --suite, --cold-tools, --tools-only, --no-restart, --kind, --noisy or --no-record)\n%s\n' "$1" "$usage" >&2; exit 2 ;;
  esac
  shift
done

# The record: this script again, its output shown and kept, then appended to bench/RESULTS.md as a
# dated section when it ends well (a failed or interrupted run records nothing).
if [ $record = 1 ]; then
  out=$(mktemp)
  trap 'rm -f "$out"' EXIT
  rc=0
  bash bench/run.sh "${args[@]}" --no-record | tee "$out" || rc=$?
  if [ "$rc" = 0 ]; then
    {
      printf '\n### %s: bench/run.sh%s\n\n```text\n' "$(date -u +%F)" "${args[*]:+ ${args[*]}}"
      cat "$out"
      printf '```\n'
    } >>bench/RESULTS.md
    echo "recorded in bench/RESULTS.md"
  fi
  exit "$rc"
fi

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
figure() { printf '%-58s %s\n' "$1" "$2"; }

# The bare floor's namespace is the bench's own: removed on any exit, Ctrl-C included.
bare_ns=""
remove_bare_namespace() {
  [ -n "$bare_ns" ] || return 0
  .tools/bin/kubectl --kubeconfig "$kubeconfig" delete namespace "$bare_ns" --wait=false --ignore-not-found >/dev/null 2>&1 || true
}
trap remove_bare_namespace EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== demo-hooks figures ($(date -u +%FT%TZ), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB)"

# Runs one scenario on one Helm major as `make scenario-NAME` would; sets $wall and $rc.
run_timed() {
  local start
  start=$(now)
  rc=0
  $CLI run "$1" --helm "$2" --report-dir "$3" >/dev/null || rc=$?
  wall=$(secs "$start" "$(now)")
}

# The same through make itself, what the goal is about: `make scenario-NAME` also checks the npm
# packages, the tools and the cluster before the run. Sets $wall and $rc.
make_timed() {
  local start
  start=$(now)
  rc=0
  HELM_VERSION=$2 make -s "scenario-$1" ARGS="--report-dir $3" >/dev/null || rc=$?
  wall=$(secs "$start" "$(now)")
}

if [ $kind = 1 ]; then
  # The kind figures, on the kind provider only: CLUSTER=kind for every command here.
  export CLUSTER=kind
  bash hack/tools.sh >/dev/null
  if host=$(bash cluster/kind/dockerd.sh up 2>/dev/null) && [ -n "$host" ]; then export DOCKER_HOST=$host; fi
  if [ -L .tools/kind-node ]; then
    # As on a fresh machine for the image: no Debian rootfs, scenario or node image cached (the
    # Kubernetes binaries it packs are the tools' own, built by `make tools`).
    tmp=$(mktemp -d)
    start=$(now)
    DEMO_HOOKS_CACHE="$tmp/cache" bash hack/kind-node/build.sh >"$tmp.log" 2>&1 || { cat "$tmp.log" >&2; exit 1; }
    figure "kind node image, cold (debootstrap, images, preload, docker load)" "$(secs "$start" "$(now)") s"
    rm -rf "$tmp" "$tmp.log"
  else
    figure "kind node image" "the pinned $(grep -oP '^KIND_NODE_IMAGE=\K[^@]*' hack/versions.env) (nothing built)"
  fi
  if $CLI cluster status >/dev/null 2>&1; then $CLI cluster down >/dev/null; fi
  start=$(now); $CLI cluster up >/dev/null
  figure "CLUSTER=kind make cluster, from nothing: to node Ready" "$(secs "$start" "$(now)") s"
  for major in 3 4; do
    run_timed pre-fail "$major" reports/bench/kind
    outcome=$(node -e 'console.log(require(process.argv[1]).outcome)' "$PWD/reports/bench/kind/pre-fail-helm$major.json")
    figure "scenario pre-fail on kind, Helm $major ($outcome)" "$wall s"
  done
  start=$(now); $CLI cluster down >/dev/null
  figure "CLUSTER=kind make cluster-down (the project's dockerd too)" "$(secs "$start" "$(now)") s"
  exit 0
fi

if [ $noisy = 1 ]; then
  $CLI cluster status >/dev/null || { echo "error: --noisy needs a running cluster (make cluster)" >&2; exit 3; }
  kubeconfig=$(realpath --relative-to=. "$($CLI cluster env | grep -oP "^export KUBECONFIG='\K[^']*")")
  # shellcheck disable=SC2016 # JavaScript's template string, not the shell's
  image=$(node -e 'const v = require("yaml").parse(require("fs").readFileSync(process.argv[1], "utf8")).images.hooks; console.log(`${v.repository}:${v.tag}`)' charts/demo-hooks/values-local.yaml)
  chart=test/fixtures/charts/noisy-hook
  median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  # One failing install in a namespace of the bench's own, bare or under observe; sets $wall.
  noisy_install() {
    local how=$1; shift
    bare_ns="dh-bare-noisy-$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
    .tools/bin/kubectl --kubeconfig "$kubeconfig" create namespace "$bare_ns" >/dev/null
    local helm_args=(install noisy "$chart" --kubeconfig "$kubeconfig" -n "$bare_ns" --set "image=$image" --set pullPolicy=Never "$@")
    local start; start=$(now)
    if [ "$how" = bare ]; then
      ! .tools/bin/helm3 "${helm_args[@]}" >/dev/null 2>&1 || { echo "error: the noisy hook's install succeeded; it fails on purpose" >&2; exit 1; }
    else
      ! $CLI observe --report-dir reports/bench/noisy -- helm3 "${helm_args[@]}" >/dev/null 2>&1 || { echo "error: observe of the noisy hook's install exited 0; Helm's exit 1 is passed through" >&2; exit 1; }
    fi
    wall=$(secs "$start" "$(now)")
    .tools/bin/kubectl --kubeconfig "$kubeconfig" delete namespace "$bare_ns" --wait=false >/dev/null
    .tools/bin/kubectl --kubeconfig "$kubeconfig" wait --for=delete "namespace/$bare_ns" --timeout=180s >/dev/null
    bare_ns=""
  }
  for variant in "a few lines:" "one 200 kB line:--set longLine=200000" "50,000 lines:--set lines=50000"; do
    label=${variant%%:*} extra=${variant#*:}
    observed="" bare=""
    for ((i = 1; i <= pairs; i++)); do
      # shellcheck disable=SC2086 # --set and its value, or nothing
      noisy_install observe $extra; observed+="$wall "
      # shellcheck disable=SC2086
      noisy_install bare $extra; bare+="$wall "
    done
    figure "observe, a failing hook printing $label, median of $pairs" "$(median "$observed") s   (runs: ${observed% })"
    figure "  the same helm install bare, median" "$(median "$bare") s   (runs: ${bare% })"
    figure "  observe / bare Helm (medians)" "$(awk -v o="$(median "$observed")" -v b="$(median "$bare")" 'BEGIN { printf "%.2f", o / b }')   (goal ≤ 1.2)"
    # What the log itself costs: observe's own time beyond Helm, against a quiet hook's.
    beyond=$(awk -v o="$(median "$observed")" -v b="$(median "$bare")" 'BEGIN { printf "%.1f", o - b }')
    [ -n "${quiet_beyond:-}" ] || quiet_beyond=$beyond
    figure "  observe's time beyond Helm" "$beyond s   (a few lines: $quiet_beyond s)"
  done
  exit 0
fi

if [ $cold_tools = 1 ]; then
  # As on a fresh machine: no Go module or build cache, no tool cache, and no helm, kubectl or
  # kind of the machine's standing in for a build. Linked into a scratch bin so the clone's own
  # .tools/bin (and a cluster using it) is untouched meanwhile.
  tmp=$(mktemp -d)
  start=$(now)
  DEMO_HOOKS_CACHE="$tmp/cache" DEMO_HOOKS_TOOLS_BIN="$tmp/bin" GOCACHE="$tmp/gocache" GOMODCACHE="$tmp/gomod" DEMO_HOOKS_IGNORE_PATH=1 \
    GOFLAGS=-modcacherw bash hack/tools.sh >"$tmp.log" 2>&1 || { cat "$tmp.log" >&2; exit 1; }
  figure "make tools, cold (empty Go module, build and tool caches)" "$(secs "$start" "$(now)") s"
  grep -o 'built .* in [0-9]* s' "$tmp.log" | sed 's/^/  /'
  rm -rf "$tmp" "$tmp.log"
fi
if [ $restart = 1 ]; then
  start=$(now); bash hack/tools.sh >/dev/null
  figure "make tools, warm (everything cached)" "$(secs "$start" "$(now)") s"
fi
[ $tools_only = 0 ] || exit 0

if [ $restart = 0 ]; then
  $CLI cluster status >/dev/null || { echo "error: --no-restart needs a running cluster (demo-hooks cluster status)" >&2; exit 3; }
else
  if [ "$(CLUSTER=${CLUSTER:-} $CLI cluster status >/dev/null 2>&1; echo $?)" = 0 ]; then $CLI cluster down >/dev/null; fi
  start=$(now); $CLI cluster up >/dev/null
  figure "make cluster, warm: to node Ready with DNS answering" "$(secs "$start" "$(now)") s   (goal ≤ 30 s)"
fi

if [ $restart = 1 ] && [ -d .cluster/pids ]; then
  rss=0
  for pidfile in .cluster/pids/*.pid; do
    kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$(cat "$pidfile")/status" 2>/dev/null || echo 0)
    rss=$((rss + kb))
  done
  figure "control plane + node memory at rest (RSS of all components)" "$((rss / 1024)) MiB"
fi

# pre-fail's Helm commands as a person would type them (scenarios/pre-fail.ts: install, then the
# upgrade with the migration failing), with no harness around them. Sets $install_s, $upgrade_s, $gone_s.
bare_pre_fail() {
  local major=$1 helm=".tools/bin/helm$1" start out
  bare_ns="dh-bare-pf-h$major-$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
  local install=(install "$bare_ns" charts/demo-hooks --kubeconfig "$kubeconfig" --namespace "$bare_ns" -f charts/demo-hooks/values-local.yaml
    -f labs/values/quick-install.yaml)
  local upgrade=(upgrade "$bare_ns" charts/demo-hooks --kubeconfig "$kubeconfig" --namespace "$bare_ns" --reset-values
    -f charts/demo-hooks/values-local.yaml --set app.version=2.0.0 --set hooks.migration.fail=true)
  # The floor is only a floor if it runs what the scenario ran: compare with the scenario's report.
  if [ "$(printf '%s\n' "${install[*]}" "${upgrade[*]}" | sed "s/$bare_ns/RELEASE/g")" != "$scenario_changes" ]; then
    printf 'error: the bare commands are not the ones pre-fail ran; bench/run.sh must follow scenarios/pre-fail.ts:\n%s\n' "$scenario_changes" >&2
    exit 1
  fi
  .tools/bin/kubectl --kubeconfig "$kubeconfig" create namespace "$bare_ns" >/dev/null
  start=$(now)
  "$helm" "${install[@]}" >/dev/null
  install_s=$(secs "$start" "$(now)")
  start=$(now)
  if out=$("$helm" "${upgrade[@]}" 2>&1); then
    echo "error: the bare upgrade of $bare_ns succeeded, but pre-fail's migration hook fails on purpose" >&2; exit 1
  fi
  upgrade_s=$(secs "$start" "$(now)")
  grep -q 'pre-upgrade hooks failed' <<<"$out" || { printf 'error: the bare upgrade failed for another reason:\n%s\n' "$out" >&2; exit 1; }
  start=$(now)
  .tools/bin/kubectl --kubeconfig "$kubeconfig" delete namespace "$bare_ns" --wait=false >/dev/null
  .tools/bin/kubectl --kubeconfig "$kubeconfig" wait --for=delete "namespace/$bare_ns" --timeout=180s >/dev/null
  gone_s=$(secs "$start" "$(now)")
  bare_ns=""
}

# Every timed run below starts on a quiet cluster: no namespace of an earlier run is still being
# deleted (a run deletes its own in the background, and PostgreSQL's shutdown and the pods' removal
# take a core for a while). Harness namespaces and the bench's own bare ones.
quiet() {
  local ns
  ns=$(.tools/bin/kubectl --kubeconfig "$kubeconfig" get namespaces -o name -l app.kubernetes.io/managed-by=demo-hooks-harness)
  ns+=" $(.tools/bin/kubectl --kubeconfig "$kubeconfig" get namespaces -o name | grep '^namespace/dh-bare-' || true)"
  # shellcheck disable=SC2086 # one argument per namespace
  [ -z "${ns// /}" ] || .tools/bin/kubectl --kubeconfig "$kubeconfig" wait --for=delete $ns --timeout=180s >/dev/null 2>&1 || true
}
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
kubeconfig=$(realpath --relative-to=. "$($CLI cluster env | grep -oP "^export KUBECONFIG='\K[^']*")")

# The scenario through make and the same Helm commands bare, $pairs times each, taken in turn so
# that both meet the same cluster; the ratio is of the medians (one run varies by a second or two,
# mostly PostgreSQL's first start).
for major in 3 4; do
  make_walls="" floors="" installs="" upgrades=""
  for ((i = 1; i <= pairs; i++)); do
    quiet
    make_timed pre-fail "$major" reports/bench
    make_walls+="$wall "
    report="reports/bench/pre-fail-helm$major.json"
    outcome=$(node -e 'console.log(require(process.argv[1]).outcome)' "$PWD/$report")
    [ "$outcome" = passed ] || { echo "error: pre-fail on Helm $major did not pass ($outcome); see $report" >&2; exit 1; }
    cp "$report" "reports/bench/pre-fail-helm$major.run$i.json"
    [ "$i" != 1 ] || scenario_changes=$($TIMINGS --release-changes "$report")
    quiet
    bare_pre_fail "$major"
    floors+="$(awk -v i="$install_s" -v u="$upgrade_s" 'BEGIN { printf "%.1f", i + u }') "
    installs+="$install_s " upgrades+="$upgrade_s "
  done
  wall=$(median "$make_walls") floor=$(median "$floors")
  # Where the time went, in the run whose wall time is the median (the first run after a cluster
  # start is often the slowest, and says less about a warm cluster).
  i=$(tr ' ' '\n' <<<"$make_walls" | grep . | awk '{ print $1, NR }' | sort -n | awk -v m=$(((pairs + 1) / 2)) 'NR == m { print $2 }')
  figure "HELM_VERSION=$major make scenario-pre-fail, warm cluster, median of $pairs" "$wall s   (goal ≤ 25 s; runs: ${make_walls% })"
  $TIMINGS "reports/bench/pre-fail-helm$major.run$i.json" --wall "$(tr ' ' '\n' <<<"$make_walls" | grep . | sed -n "${i}p")"
  figure "bare Helm $major: helm install + failing helm upgrade, median" "$floor s   (runs: ${floors% }; install median $(median "$installs") s, upgrade $(median "$upgrades") s)"
  figure "  its namespace deleted and gone (not in the floor)" "$gone_s s"
  figure "  scenario / bare Helm (medians)" "$(awk -v w="$wall" -v f="$floor" 'BEGIN { printf "%.2f", w / f }')   (goal ≤ 1.2)"
  figure "  scenario - bare Helm (medians)" "$(secs "$floor" "$wall") s"
done

if [ "$repeat" -gt 0 ]; then
  echo "== flakiness: each scenario $repeat times on Helm 3 and 4, one run at a time"
  declare -A walls passes slowest
  for ((i = 1; i <= repeat; i++)); do
    for scenario in pre-fail post-fail atomic; do
      for major in 3 4; do
        run_timed "$scenario" "$major" reports/bench/repeat
        walls[$scenario-$major]+="$wall "
        [ "$rc" != 0 ] || passes[$scenario-$major]=$((${passes[$scenario-$major]:-0} + 1))
        # Each run overwrites the last one's report: the slowest is kept, to read what held it up.
        if awk -v a="$wall" -v b="${slowest[$scenario-$major]:-0}" 'BEGIN { exit !(a > b) }'; then
          slowest[$scenario-$major]=$wall
          cp "reports/bench/repeat/$scenario-helm$major.json" "reports/bench/repeat/$scenario-helm$major.slowest.json"
        fi
      done
    done
  done
  total=0
  for scenario in pre-fail post-fail atomic; do
    for major in 3 4; do
      n=${passes[$scenario-$major]:-0}
      total=$((total + n))
      spread=$(tr ' ' '\n' <<<"${walls[$scenario-$major]}" | grep . | sort -n |
        awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f / %.1f / %.1f s", v[1], m, v[NR] }')
      figure "  $scenario, Helm $major: passed $n of $repeat" "min / median / max $spread"
    done
  done
  figure "runs passed" "$total of $((repeat * 6))   (goal: all)"
  echo "  the slowest run of each, its report: reports/bench/repeat/<scenario>-helm<3|4>.slowest.json"
fi

if [ $suite = 1 ]; then
  # The integration suite's own parallelism (test/integration/scenarios.test.ts), so this figure
  # is the wall time of the suite that `make test` runs.
  parallel=${SCENARIO_PARALLEL:-$(grep -oP 'SCENARIO_PARALLEL \?\? \K[0-9]+' test/integration/scenarios.test.ts)}
  rc=0; start=$(now); $CLI run all --helm 3,4 --parallel "$parallel" --check-cleanup --report-dir reports/bench/suite >/dev/null || rc=$?
  elapsed=$(secs "$start" "$(now)")
  figure "whole suite, Helm 3 and 4, --parallel $parallel (exit $rc)" "$elapsed s = $(awk -v s="$elapsed" 'BEGIN { printf "%.1f", s / 60 }') min   (goal ≤ 10 min)"
fi

[ $restart = 1 ] || exit 0
start=$(now); $CLI cluster down >/dev/null
figure "make cluster-down" "$(secs "$start" "$(now)") s   (goal ≤ 10 s)"
if [ -x cluster/local/leftovers.sh ]; then
  figure "left after cluster-down" "$(bash cluster/local/leftovers.sh | sed 's/^left over: //')"
fi
