#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server: a new cluster in a temporary directory on a
# free port of 127.0.0.1 (trust authentication), its URL in REVERSAL_TEST_POSTGRES_URL. The
# cluster is stopped and deleted when the command ends, whatever its outcome.
#   scripts/with-postgres.sh pnpm test
set -uo pipefail

bin_dir="${POSTGRES_BIN:-}"
if [ -z "$bin_dir" ]; then
  if command -v pg_ctl >/dev/null 2>&1; then bin_dir=$(dirname "$(command -v pg_ctl)")
  else bin_dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1); fi
fi
if [ -z "$bin_dir" ] || [ ! -x "$bin_dir/pg_ctl" ]; then
  echo "with-postgres: no PostgreSQL found (install it: apt-get install -y postgresql, or set POSTGRES_BIN)" >&2
  exit 1
fi

data_dir=$(mktemp -d "${TMPDIR:-/tmp}/reversal-pg-XXXXXX")
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
# PostgreSQL refuses to run as root: run it as the postgres user when we are root.
as_owner=()
if [ "$(id -u)" = "0" ]; then
  chown postgres: "$data_dir"
  as_owner=(runuser -u postgres --)
fi

cleanup() {
  "${as_owner[@]}" "$bin_dir/pg_ctl" -D "$data_dir/cluster" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$data_dir"
}
trap cleanup EXIT

"${as_owner[@]}" "$bin_dir/initdb" -D "$data_dir/cluster" -U postgres --auth=trust --no-sync >"$data_dir/initdb.log" 2>&1 \
  || { cat "$data_dir/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$bin_dir/pg_ctl" -D "$data_dir/cluster" -l "$data_dir/server.log" -w \
  -o "-p $port -k $data_dir -c listen_addresses=127.0.0.1" start >/dev/null \
  || { cat "$data_dir/server.log" >&2; exit 1; }

export REVERSAL_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:${port}/postgres"
echo "with-postgres: PostgreSQL on 127.0.0.1:${port} (${data_dir})"
"$@"
