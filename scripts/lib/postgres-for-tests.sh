#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the storage tests: `start` prints DATABASE_URL_TEST=…, `stop` removes the cluster and its data.
#
#   eval "$(bash scripts/lib/postgres-for-tests.sh start)"   # as root; installs Debian's postgresql when it is missing
#   npm test                                                  # the forum's storage tests now also run on PostgreSQL
#   bash scripts/lib/postgres-for-tests.sh stop
#
# The cluster is its own (not Debian's "main"), on its own port, so it never touches a database someone else uses.
# Each test process makes a database of its own beside the test database, each test a schema in it, so test files can run
# side by side (test/helpers/engines.ts).
set -euo pipefail

CLUSTER="${PG_TEST_CLUSTER:-un_kg_test}"
PORT="${PG_TEST_PORT:-5433}"
ROLE=un_kg_test
DATABASE=un_kg_test
# A test-only password on a cluster that listens on loopback only.
PASSWORD=un_kg_test

install_postgres() {
  if command -v pg_createcluster >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then return; fi
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

# The newest installed major version (15 on Debian 12, 17 on Debian 13).
version() {
  ls /usr/lib/postgresql | sort -V | tail -n 1
}

as_postgres() {
  runuser -u postgres -- "$@"
}

start() {
  install_postgres
  local v
  v="$(version)"
  if ! pg_lsclusters --no-header | awk '{ print $2 }' | grep -qx "$CLUSTER"; then
    # Debian's package creates "main" and may start it; ours is separate. It listens on localhost only (the default).
    # No fsync: a test cluster is thrown away.
    pg_createcluster "$v" "$CLUSTER" --port "$PORT" -o fsync=off -o max_connections=200 >&2
  fi
  if ! pg_ctlcluster "$v" "$CLUSTER" status >/dev/null 2>&1; then pg_ctlcluster "$v" "$CLUSTER" start >&2; fi
  local port
  port="$(pg_lsclusters --no-header | awk -v c="$CLUSTER" '$2 == c { print $3 }')"
  as_postgres psql --quiet --port "$port" --dbname postgres -v ON_ERROR_STOP=1 >&2 <<SQL
SELECT 'CREATE ROLE $ROLE LOGIN PASSWORD ''$PASSWORD'''
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') \gexec
SELECT 'CREATE DATABASE $DATABASE OWNER $ROLE'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DATABASE') \gexec
-- Each test process makes a database of its own (test/helpers/engines.ts), so that files run side by side.
ALTER ROLE $ROLE CREATEDB;
SQL
  echo "export DATABASE_URL_TEST=postgresql://$ROLE:$PASSWORD@127.0.0.1:$port/$DATABASE"
}

stop() {
  if pg_lsclusters --no-header 2>/dev/null | awk '{ print $2 }' | grep -qx "$CLUSTER"; then
    pg_dropcluster --stop "$(version)" "$CLUSTER"
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
