#!/usr/bin/env bash
# Installs (Debian) and starts a local PostgreSQL for the store's tests, then prints the line that
# points them at it:  eval "$(bash scripts/test-postgres.sh)"
set -euo pipefail
{
  # The client alone (psql) may be there already; the server is what the tests need.
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
  fi
  version=$(basename "$(dirname "$(dirname "$(ls /usr/lib/postgresql/*/bin/postgres | sort -V | tail -n 1)")")")
  pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$version main" || pg_createcluster "$version" main
  # pg_ctlcluster starts the server as the postgres user, never as root.
  pg_ctlcluster "$version" main status >/dev/null 2>&1 || pg_ctlcluster "$version" main start
  su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\""
  if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = 'tessera_test'\"" | grep -q 1; then
    su postgres -c "psql -qc 'CREATE DATABASE tessera_test'"
  fi
  # The test database's commits don't wait for their WAL flush. The tests never crash this server
  # (restarts in test/reliability use private clusters, stopped cleanly), so no commit they read is
  # lost; what they stop waiting for is a disk that every test process fsyncs at once.
  su postgres -c "psql -qc 'ALTER DATABASE tessera_test SET synchronous_commit = off'"
} >&2
echo "export TESSERA_TEST_POSTGRES_URL=postgres://postgres:postgres@127.0.0.1:5432/tessera_test"
