#!/usr/bin/env bash
# Pactes and PostGraphile v5 side by side on one PostgreSQL: see the README's "Benchmarks".
#
#   bash tests/side-by-side/run.sh                      # 213 Nord centres, the five questions, A B A B
#   CENTRES=10000 bash tests/side-by-side/run.sh         # the same on 10,000 Nord centres
#   FEDERATIONS=60 CENTRES_PER_FEDERATION=70 bash tests/side-by-side/run.sh
#
# It installs what it needs (wrk from Debian; Node 22, PostGraphile 5.1.5 and its connection-filter plugin from
# npm into tests/side-by-side/node_modules, ignored by git), builds Pactes with the production profile, and runs both servers
# on a PostgreSQL 15 cluster of its own (port 5499) with pg_stat_statements loaded, so statements can be counted
# for both without touching the cluster the tests use.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if ! command -v wrk >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
if [ ! -x "$here/node_modules/.bin/node" ] || [ ! -d "$here/node_modules/postgraphile" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

port=5499
version=$(ls /etc/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $2}' | grep -qx bench; then
    pg_createcluster "$version" bench -p "$port" -o shared_preload_libraries=pg_stat_statements \
        -o max_connections=300 -- --auth=trust >/dev/null
fi
pg_ctlcluster --skip-systemctl-redirect "$version" bench start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p "$port" -q && break; sleep 1; done

(cd "$root" && cargo build --profile production -q -p pactes-server)
export PACTES_BIN="$root/target/production/pactes"
export PACTES_VERSION="$(cd "$root" && git rev-parse --short HEAD)$(cd "$root" && git diff --quiet || echo '+changes')"
export BENCH_PG="postgres://postgres@127.0.0.1:$port/postgres"
exec "$here/node_modules/.bin/node" "$here/run.mjs"
