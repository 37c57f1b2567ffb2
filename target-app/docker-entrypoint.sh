#!/bin/sh
# The container's start: apply migrations with the project's own migrator (prisma/tools/migrate.ts: no
# Prisma schema engine, which an offline build cannot download; it keeps Prisma's history table, so
# `prisma migrate deploy` agrees with it), retried while the database is not reachable yet (the
# startup race is the point of this project); then exec the app so Node is PID 1 and receives SIGTERM
# itself. Every line it prints is a JSON log line like the app's own, so the harness's log checks read
# it the same way; a migration that never succeeds ends in the app's
# documented fail-fast: one `startup.failed` fatal line and exit 1.
#   MIGRATE_ON_START       true (default) | false — skip when something else migrates (the harness does)
#   MIGRATE_MAX_ATTEMPTS   10
#   MIGRATE_RETRY_DELAY_SEC 2
set -eu
trap 'exit 143' TERM
trap 'exit 130' INT

log() { # level event message
  printf '{"level":%s,"time":%s000,"service":"target-app","event":"%s","msg":"%s"}\n' "$1" "$(date +%s)" "$2" "$(printf '%s' "$3" | tr -d '"\\' | tr '\n\r\t' '   ' | cut -c1-300)"
}

if [ "${MIGRATE_ON_START:-true}" = "true" ]; then
  attempt=1
  max="${MIGRATE_MAX_ATTEMPTS:-10}"
  while :; do
    if output="$(node --import tsx prisma/tools/migrate.ts 2>&1)"; then
      log 30 migrations.applied "$(printf '%s' "$output" | tail -n 1)"
      break
    fi
    if [ "$attempt" -ge "$max" ]; then
      log 60 startup.failed "migrations could not be applied after $attempt attempts: $(printf '%s' "$output" | tail -n 1)"
      exit 1
    fi
    log 40 migrations.retry "attempt $attempt of $max failed, retrying in ${MIGRATE_RETRY_DELAY_SEC:-2} s: $(printf '%s' "$output" | tail -n 1)"
    attempt=$((attempt + 1))
    sleep "${MIGRATE_RETRY_DELAY_SEC:-2}" &
    wait $!
  done
fi

exec node --import tsx target-app/src/index.ts
