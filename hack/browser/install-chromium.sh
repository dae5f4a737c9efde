#!/usr/bin/env bash
# Installs Debian's chromium for the HTML report's browser tests, the way cluster/local/up.sh
# installs its packages: apt-get, only when missing. The tests drive it with puppeteer-core,
# which never downloads a browser of its own.
#
# usage: hack/browser/install-chromium.sh      prints the chromium executable's path
set -euo pipefail

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

find_chromium() { command -v chromium || command -v chromium-browser || true; }

exe=$(find_chromium)
if [ -z "$exe" ]; then
  command -v apt-get >/dev/null || die "chromium is missing and there is no apt-get: install chromium with your package manager, or set CHROMIUM=/path/to/chromium"
  [ "$(id -u)" = 0 ] || die "installing chromium with apt-get needs root: run as root, or set CHROMIUM=/path/to/chromium"
  say "installing chromium with apt-get"
  # Another apt-get (e.g. another setup step) may hold the lock; apt waits for it up to this long.
  { apt-get -o DPkg::Lock::Timeout=300 update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium; } >/tmp/demo-hooks-chromium-apt.log 2>&1 ||
    die "apt-get install chromium failed (see /tmp/demo-hooks-chromium-apt.log): install it by hand and retry"
  exe=$(find_chromium)
  [ -n "$exe" ] || die "apt-get installed chromium but no chromium executable is on PATH"
fi
echo "$exe"
