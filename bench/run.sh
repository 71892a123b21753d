#!/usr/bin/env bash
# One command for the benchmarks: builds, starts what it measures on a fresh PostgreSQL database, loads it from a
# separate process on loopback (bounded in time and count), prints the figures and writes bench/results/*.{json,md}.
#   bench/run.sh commands [--seconds 15] [--concurrency 1,8,32]
#   bench/run.sh latency  [--seconds 20] [--rates 50,200]
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:-commands}; shift || true
PG=${TALLY_BENCH_PG:-127.0.0.1:5432}
REDIS=${TALLY_BENCH_REDIS:-127.0.0.1:6379}
DB=tally_bench
RESULTS=bench/results
DATA=$RESULTS/data
mkdir -p "$RESULTS"

./mvnw -q -B -ntp -DskipTests package -pl command-side,query-side,realtime-gateway,bench -am

psql -h "${PG%%:*}" -p "${PG##*:}" -U postgres -q -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
rm -rf "$DATA"

pids=()
trap 'for p in "${pids[@]}"; do kill $p 2>/dev/null; done; wait 2>/dev/null || true' EXIT

# start <name> <jar> <port> [args...]: one service as its own process, on the bench database, ready before it returns
start() {
  local name=$1 jar=$2 port=$3; shift 3
  TALLY_DATA_DIR="$DATA" java -Xmx1g -jar $jar --server.port=$port \
    --spring.datasource.url="jdbc:postgresql://$PG/$DB" --logging.level.root=WARN "$@" > "$RESULTS/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 180); do
    curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1 && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 1
  done
  echo "$name did not start; see $RESULTS/$name.log" >&2; tail -20 "$RESULTS/$name.log" >&2; exit 1
}

# the split deployment's live path, on a Redis channel of its own so nothing else on the machine hears it
split=(--tally.gateway.redis.enabled=true --tally.gateway.redis.prefix=tallybench --tally.query.feed.redis-enabled=true
       --tally.query.feed.redis-channel=tallybench:feed --management.health.redis.enabled=true
       --spring.data.redis.host="${REDIS%%:*}" --spring.data.redis.port="${REDIS##*:}")

case "$scenario" in
  commands)
    start command-side "command-side/target/command-side-*-exec.jar" 18081
    java -jar bench/target/tally-bench.jar commands --api http://127.0.0.1:18081 \
      --jdbc "jdbc:postgresql://$PG/$DB" --out "$RESULTS" "$@"
    ;;
  latency)
    start command-side "command-side/target/command-side-*-exec.jar" 18081 "${split[@]}"
    start query-side "query-side/target/query-side-*-exec.jar" 18082 "${split[@]}"
    start gateway "realtime-gateway/target/realtime-gateway-*-exec.jar" 18083 "${split[@]}" \
      --tally.gateway.command-api-url=http://127.0.0.1:18081
    java -jar bench/target/tally-bench.jar latency --api http://127.0.0.1:18081 --gateway http://127.0.0.1:18083 \
      --out "$RESULTS" "$@"
    ;;
  *) echo "unknown scenario $scenario (commands, latency)" >&2; exit 2 ;;
esac
