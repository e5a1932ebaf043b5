#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for this checkout (PGPORT_TEST overrides the port,
# ZHICHENG_PG_DATA the data directory)
# and prints `export DATABASE_URL=...` for the caller to eval. Idempotent.
# `bash scripts/postgres.sh stop` stops it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# One cluster per checkout: its port and data directory both derive from the checkout's path.
key="$(echo "$root" | md5sum | cut -c1-8)"
port="${PGPORT_TEST:-$((54000 + 16#${key:0:4} % 900))}"
bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
# Outside the checkout: the postgres user must reach it even when the checkout sits under /root.
# ZHICHENG_PG_DATA names another cluster (the restore drill starts a fresh one beside it).
data="${ZHICHENG_PG_DATA:-${TMPDIR:-/tmp}/zhicheng-pg-$key}"
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system postgres
  run_as=(runuser -u postgres --)
fi
if [ "${1:-}" = "stop" ]; then
  "${run_as[@]}" "$bindir/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
  exit 0
fi
if [ ! -s "$data/PG_VERSION" ]; then
  mkdir -p "$data"
  [ "$(id -u)" -eq 0 ] && chown postgres "$data"
  "${run_as[@]}" "$bindir/initdb" -D "$data" -U zhicheng -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! "${run_as[@]}" "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  "${run_as[@]}" "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
fi
"${run_as[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U zhicheng zhicheng 2>/dev/null || true
echo "export DATABASE_URL=postgres://zhicheng@127.0.0.1:$port/zhicheng"
