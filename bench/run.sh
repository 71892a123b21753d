#!/usr/bin/env bash
# One command for the benchmarks: builds, starts what it measures on a fresh PostgreSQL database, loads it from a
# separate process on loopback (bounded in time and count), prints the figures and writes bench/results/*.{json,md}.
#   bench/run.sh [commands] [--seconds 15] [--concurrency 1,8,32]
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:-commands}; shift || true
PG=${TALLY_BENCH_PG:-127.0.0.1:5432}
DB=tally_bench
PORT=18081
RESULTS=bench/results
mkdir -p "$RESULTS"

./mvnw -q -B -ntp -DskipTests package -pl command-side,bench -am

psql -h "${PG%%:*}" -p "${PG##*:}" -U postgres -q -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"

rm -rf "$RESULTS/data"
java -Xmx1g -jar command-side/target/command-side-*-exec.jar --server.port=$PORT \
  --spring.datasource.url="jdbc:postgresql://$PG/$DB" --tally.data-dir="$RESULTS/data" \
  --logging.level.root=WARN > "$RESULTS/command-side.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 120); do
  curl -fsS "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 1
done

java -jar bench/target/tally-bench.jar "$scenario" --api "http://127.0.0.1:$PORT" \
  --jdbc "jdbc:postgresql://$PG/$DB" --out "$RESULTS" "$@"
