#!/bin/bash
# First start: create the cluster with POSTGRES_USER as its superuser (password POSTGRES_PASSWORD,
# required over TCP) and the database POSTGRES_DB, as the official image does. Every start: run
# `postgres` as PID 1 with the given arguments. Any other command is run as given.
set -euo pipefail

if [ "${1:-postgres}" != "postgres" ] && [ "${1#-}" = "$1" ]; then
  exec "$@"
fi
[ "${1:-}" = "postgres" ] && shift

: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
if [ -z "${POSTGRES_PASSWORD:-}" ]; then
  echo "error: POSTGRES_PASSWORD must be set (this image has no trust-over-TCP mode)" >&2
  exit 1
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  initdb --username="$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 -D "$PGDATA" > /dev/null
  rm -f "$pwfile"
  printf 'host all all all scram-sha-256\n' >> "$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != "postgres" ]; then
    db="${POSTGRES_DB//\"/\"\"}"
    echo "CREATE DATABASE \"$db\"" | postgres --single -D "$PGDATA" -j template1 > /dev/null
  fi
  echo "PostgreSQL init process complete; ready for start up."
fi

exec postgres -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/var/run/postgresql "$@"
