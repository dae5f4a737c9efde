#!/bin/sh
# Entrypoint of demo-hooks.local/postgres:15, honouring the same environment as the official
# postgres image (POSTGRES_PASSWORD, POSTGRES_USER, POSTGRES_DB, PGDATA) so one chart serves both.
set -eu

if [ "${1:-}" != "postgres" ]; then exec "$@"; fi
shift

: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo "error: database is uninitialized and POSTGRES_PASSWORD is not set" >&2
    exit 1
  fi
  mkdir -p "$PGDATA"
  chmod 0700 "$PGDATA"
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  initdb --username="$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
  # The image ships without LLVM, which only PostgreSQL's optional JIT compiler needs.
  echo "jit = off" >>"$PGDATA/postgresql.conf"
  if [ "$POSTGRES_DB" != "postgres" ]; then
    # Single-user mode creates the database without opening a socket before the server is ready.
    echo "CREATE DATABASE \"$POSTGRES_DB\";" | postgres --single -jE -D "$PGDATA" postgres >/dev/null
  fi
  echo "demo-hooks postgres: initialized $PGDATA with database $POSTGRES_DB"
fi

exec postgres "$@"
