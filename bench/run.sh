#!/usr/bin/env bash
# One command for the benchmarks: builds, starts what it measures on a fresh PostgreSQL database, loads it from a
# separate process on loopback (bounded in time and count), prints the figures and writes bench/results/*.{json,md}.
#   bench/run.sh commands [--seconds 15] [--concurrency 1,8,32] [--warm-up 30]
#   bench/run.sh latency  [--seconds 20] [--rates 50,200] [--warm-up 60]
#   bench/run.sh sockets  [--sockets 10000] [--users 1000] [--rates 10000,20000,40000] [--seconds 10] [--warm-up 10] [--transport websocket|polling|websocket-deflate]
#   bench/run.sh replay   [--total 1000000] [--missed 0,100,1000,10000] [--repeat 5]
#   bench/run.sh rebuild  [--events 1000000] [--catch-up-seconds 120] [--timeout 1800]
#   bench/run.sh seed     [--users 20] [--devices 2] [--concurrency 32] [--rate 200] [--seconds 20] [--warm-up 45]
#   bench/run.sh transfer [--at-once 2000] [--job-rows 20000] [--export-rows 1000000]   (query side on a 256 MB heap)
#   bench/run.sh audit    [--expenses 10000] [--repeat 50]
#   bench/run.sh privacy  [--ops 200000]   (CPU per event written and read, with and without personal-data encryption)
#   bench/run.sh recurring [--users 20] [--spread 20] [--lead 120] [--occurrences 1000] [--catch-up-users 20] [--days 1]
#                          (a recurring occurrence's lag from falling due to committed and pushed; catching up after downtime)
# The scenarios after latency each get a database tally_bench_<scenario>, a data dir of their own and ports 1819x, so
# they can run beside the others; TALLY_BENCH_DB overrides the database name.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:-commands}; shift || true
if [ "$scenario" = privacy ]; then
  # a micro loop, no server: this thread's CPU time per serialization, so other load on the machine does not count
  ops=200000; [ "${1:-}" = --ops ] && ops=$2
  exec ./mvnw -q -B -ntp test -pl platform -am -Dtest=PersonalDataCost -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtally.bench.privacy=true -Dtally.bench.ops="$ops" -Dtally.test.db=tally_bench -DtrimStackTrace=false
fi
PG=${TALLY_BENCH_PG:-127.0.0.1:5432}
REDIS=${TALLY_BENCH_REDIS:-127.0.0.1:6379}
RESULTS=bench/results
case "$scenario" in
  commands|latency|seed) DB=${TALLY_BENCH_DB:-tally_bench}; DATA=$RESULTS/data ;;
  *) DB=${TALLY_BENCH_DB:-tally_bench_$scenario}; DATA=$RESULTS/data-$scenario ;;
esac
mkdir -p "$RESULTS"

[ -n "${TALLY_BENCH_SKIP_BUILD:-}" ] || ./mvnw -q -B -ntp -DskipTests package -pl command-side,query-side,realtime-gateway,standalone,bench -am

psql -h "${PG%%:*}" -p "${PG##*:}" -U postgres -q -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
rm -rf "$DATA"

pids=()
# a service that already exited must not stop the others being stopped (errexit holds in the trap too)
trap 'for p in "${pids[@]}"; do kill $p 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT

# start <name> <jar> <port> [args...]: one service as its own process, on the bench database, ready before it returns
start() {
  local name=$1 jar=$2 port=$3; shift 3
  start_on "jdbc:postgresql://$PG/$DB" "$name" "$jar" "$port" "$@"
}

# start_on <jdbc url> <name> <jar> <port> [args...]: start, on another database
start_on() {
  local url=$1 name=$2 jar=$3 port=$4 user=postgres; shift 4
  [[ $url == jdbc:h2:* ]] && user=sa
  TALLY_DATA_DIR="$DATA" TALLY_DB_URL="$url" TALLY_DB_USER=$user java -Xmx${BENCH_XMX:-1g} -jar $jar --server.port=$port \
    --logging.level.root=WARN "$@" > "$RESULTS/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 180); do
    curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1 && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 1
  done
  echo "$name did not start; see $RESULTS/$name.log" >&2; tail -20 "$RESULTS/$name.log" >&2; exit 1
}

# stop_last: stops the service start() started last, and waits for it to exit
stop_last() {
  stop_pid "${pids[-1]}"
}

# stop_pid <pid>: stops one service start() started, and waits for it to exit
stop_pid() {
  local pid=$1 kept=() p
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -9 "$pid" 2>/dev/null || true
  for p in "${pids[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  pids=("${kept[@]}")
}

# dev_keys: the RS256 key pair the command side would generate into the data dir (PKCS#8 private, X.509 public), for
# scenarios that start no command side; the load client mints access tokens with the private key
dev_keys() {
  mkdir -p "$DATA/keys"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$DATA/keys/jwt-private.pem" 2>/dev/null
  openssl pkey -in "$DATA/keys/jwt-private.pem" -pubout -out "$DATA/keys/jwt-public.pem"
}

# the split deployment's live path, on a Redis channel of its own so nothing else on the machine hears it
split=(--tally.gateway.redis.enabled=true --tally.gateway.redis.prefix=tallybench --tally.query.feed.redis-enabled=true
       --tally.query.feed.redis-channel=tallybench:feed --management.health.redis.enabled=true
       --spring.data.redis.host="${REDIS%%:*}" --spring.data.redis.port="${REDIS##*:}")

# the bench is one heavy client: the commands scenario records about 700 expenses/s as one user, far past the default
# per-user budget (120/s, burst 240) that stops a single user flooding a real deployment (docs/operations.md); the
# latency and seed scenarios get the same room, so a faster server is measured rather than throttled
bench_limits=(--tally.rate-limit.commands-per-user.capacity=1000000 --tally.rate-limit.commands-per-user.per-second=1000000)

case "$scenario" in
  commands)
    start command-side "command-side/target/command-side-*-exec.jar" 18081 "${bench_limits[@]}"
    java -jar bench/target/tally-bench.jar commands --api http://127.0.0.1:18081 \
      --jdbc "jdbc:postgresql://$PG/$DB" --out "$RESULTS" "$@"
    ;;
  latency)
    start command-side "command-side/target/command-side-*-exec.jar" 18081 "${split[@]}" "${bench_limits[@]}"
    start query-side "query-side/target/query-side-*-exec.jar" 18082 "${split[@]}"
    start gateway "realtime-gateway/target/realtime-gateway-*-exec.jar" 18083 "${split[@]}" \
      --tally.gateway.command-api-url=http://127.0.0.1:18081 --tally.gateway.query-api-url=http://127.0.0.1:18082
    java -jar bench/target/tally-bench.jar latency --api http://127.0.0.1:18081 --gateway http://127.0.0.1:18083 \
      --out "$RESULTS" "$@"
    ;;
  sockets)
    # the gateway alone with a fixed heap; live feed signals come over Redis as the query side publishes them
    ulimit -n "$(ulimit -Hn)"
    dev_keys
    prefix=tallybench-sockets-$$
    deflate=(); [[ " $* " == *" websocket-deflate "* ]] && deflate=(--tally.gateway.websocket-compression=true)
    start sockets-gateway "realtime-gateway/target/realtime-gateway-*-exec.jar" 18193 "${deflate[@]}" \
      --tally.gateway.redis.enabled=true --tally.gateway.redis.prefix=$prefix --management.health.redis.enabled=true \
      --spring.data.redis.host="${REDIS%%:*}" --spring.data.redis.port="${REDIS##*:}" \
      --server.tomcat.max-connections=30000 --server.tomcat.accept-count=1000
    java -Xss256k -jar bench/target/tally-bench.jar sockets --gateway http://127.0.0.1:18193 --gateway-pid "${pids[-1]}" \
      --keys "$DATA/keys" --jdbc "jdbc:postgresql://$PG/$DB" --redis "$REDIS" --channel "$prefix:feed" --out "$RESULTS" "$@"
    ;;
  replay)
    dev_keys
    start replay-gateway "realtime-gateway/target/realtime-gateway-*-exec.jar" 18193
    java -jar bench/target/tally-bench.jar replay --gateway http://127.0.0.1:18193 --keys "$DATA/keys" \
      --jdbc "jdbc:postgresql://$PG/$DB" --out "$RESULTS" "$@"
    ;;
  rebuild)
    # first start only migrates the schema; the events are then appended with no projection running, so the second
    # start's tracking processor catches up from the first event (measured), and the admin rebuild is measured after it
    token=bench-$RANDOM$RANDOM
    qs=(--tally.query.projections.admin-token=$token)
    start rebuild-query-side "query-side/target/query-side-*-exec.jar" 18192 "${qs[@]}"
    stop_last
    java -jar bench/target/tally-bench.jar rebuild-fill --jdbc "jdbc:postgresql://$PG/$DB" "$@"
    start rebuild-query-side "query-side/target/query-side-*-exec.jar" 18192 "${qs[@]}"
    java -jar bench/target/tally-bench.jar rebuild --api http://127.0.0.1:18192 --admin-token "$token" \
      --jdbc "jdbc:postgresql://$PG/$DB" --out "$RESULTS" "$@"
    ;;
  seed)
    # the seed design's workload against the split deployment on PostgreSQL, then the standalone jar on PostgreSQL and
    # on its embedded H2, one after the other on fresh databases (compare with ../shared/anchor/compare.sh's Node figures)
    start command-side "command-side/target/command-side-*-exec.jar" 18081 "${split[@]}" "${bench_limits[@]}"
    start query-side "query-side/target/query-side-*-exec.jar" 18082 "${split[@]}"
    start gateway "realtime-gateway/target/realtime-gateway-*-exec.jar" 18083 "${split[@]}" \
      --tally.gateway.command-api-url=http://127.0.0.1:18081 --tally.gateway.query-api-url=http://127.0.0.1:18082
    java -jar bench/target/tally-bench.jar seed --api http://127.0.0.1:18081 --gateway http://127.0.0.1:18083 \
      --label "split, PostgreSQL" --report seed-split --out "$RESULTS" "$@"
    stop_last; stop_last; stop_last
    psql -h "${PG%%:*}" -p "${PG##*:}" -U postgres -q -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
    start standalone "standalone/target/tally-standalone.jar" 18084 "${bench_limits[@]}"
    java -jar bench/target/tally-bench.jar seed --api http://127.0.0.1:18084 --label "standalone, PostgreSQL" \
      --report seed-standalone-pg --out "$RESULTS" "$@"
    stop_last
    rm -rf "$DATA"
    start_on "jdbc:h2:file:$PWD/$DATA/tally;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE" \
      standalone-h2 "standalone/target/tally-standalone.jar" 18084 "${bench_limits[@]}"
    java -jar bench/target/tally-bench.jar seed --api http://127.0.0.1:18084 --label "standalone, H2" \
      --report seed-standalone-h2 --out "$RESULTS" "$@"
    ;;
  transfer)
    # import (at once, and as a job until the query side lists it finished) and export; the query side gets a small
    # heap so a million exported rows show they stream rather than load
    start command-side "command-side/target/command-side-*-exec.jar" 18191 "${bench_limits[@]}"
    BENCH_XMX=256m start query-side "query-side/target/query-side-*-exec.jar" 18192
    java -jar bench/target/tally-bench.jar transfer --api http://127.0.0.1:18191 --query http://127.0.0.1:18192 \
      --jdbc "jdbc:postgresql://$PG/$DB" --out "$RESULTS" "$@"
    ;;
  audit)
    # one account's history, appended with SQL: the owner and the account first (read models built by a query side),
    # then the postings, which only the audit's snapshot processor goes through on the next start; then the reads, timed
    dev_keys
    expenses=10000; args=("$@")
    for ((i = 0; i < ${#args[@]}; i++)); do [ "${args[i]}" = --expenses ] && expenses=${args[i+1]}; done
    start audit-query-side "query-side/target/query-side-*-exec.jar" 18196
    java -jar bench/target/tally-bench.jar audit-fill --jdbc "jdbc:postgresql://$PG/$DB" --phase head
    for _ in $(seq 60); do
      [ "$(psql -h "${PG%%:*}" -p "${PG##*:}" -U postgres -d "$DB" -tAc "SELECT count(*) FROM token_entry WHERE processor_name = 'query-read-models' AND (convert_from(token, 'UTF8')::json->>'index')::bigint >= 2")" -ge 2 ] && break
      sleep 1
    done
    stop_last
    java -jar bench/target/tally-bench.jar audit-fill --jdbc "jdbc:postgresql://$PG/$DB" --phase postings --expenses "$expenses"
    start audit-query-side "query-side/target/query-side-*-exec.jar" 18196
    java -jar bench/target/tally-bench.jar audit --api http://127.0.0.1:18196 --keys "$DATA/keys" \
      --jdbc "jdbc:postgresql://$PG/$DB" --report "audit-$expenses" --out "$RESULTS" "$@"
    ;;
  recurring)
    # the split deployment on a Redis prefix of its own, ports 18197-18199. Live: occurrences falling due while it runs.
    # Then downtime: the command side restarted with its scheduler polling once an hour sets up schedules already due,
    # unseen; it is stopped, started again as usual, and everything due is caught up (the client watches throughout)
    own=(--tally.gateway.redis.enabled=true --tally.gateway.redis.prefix=tallybench-recurring --tally.query.feed.redis-enabled=true
         --tally.query.feed.redis-channel=tallybench-recurring:feed --management.health.redis.enabled=true
         --spring.data.redis.host="${REDIS%%:*}" --spring.data.redis.port="${REDIS##*:}")
    cs=(command-side "command-side/target/command-side-*-exec.jar" 18197 "${own[@]}" "${bench_limits[@]}")
    client=(--api http://127.0.0.1:18197 --gateway http://127.0.0.1:18199 --jdbc "jdbc:postgresql://$PG/$DB" --out "$RESULTS")
    start "${cs[@]}"
    command_side=${pids[-1]}
    start query-side "query-side/target/query-side-*-exec.jar" 18198 "${own[@]}"
    start gateway "realtime-gateway/target/realtime-gateway-*-exec.jar" 18199 "${own[@]}" \
      --tally.gateway.command-api-url=http://127.0.0.1:18197 --tally.gateway.query-api-url=http://127.0.0.1:18198
    java -jar bench/target/tally-bench.jar recurring-live "${client[@]}" "$@"
    stop_pid "$command_side"
    start "${cs[@]}" --db-scheduler.polling-interval=1h
    command_side=${pids[-1]}
    ready=$RESULTS/recurring.ready go=$RESULTS/recurring.go
    rm -f "$ready" "$go"
    java -jar bench/target/tally-bench.jar recurring-catch-up "${client[@]}" --ready "$ready" --go "$go" "$@" &
    catch_up=$!
    pids=("$catch_up" "${pids[@]}")
    while [ ! -e "$ready" ]; do kill -0 "$catch_up" 2>/dev/null || exit 1; sleep 1; done
    stop_pid "$command_side"
    sleep 5
    launched=$(date +%s%3N)
    start "${cs[@]}"
    echo "$launched $(date +%s%3N)" > "$go"
    wait "$catch_up"
    ;;
  *) echo "unknown scenario $scenario (commands, latency, sockets, replay, rebuild, seed, transfer, audit, privacy, recurring)" >&2; exit 2 ;;
esac
