#!/usr/bin/env bash
# The README's jar (or the jar given) on a fresh PostgreSQL database under the seed's workload
# (../shared/anchor/load.mjs: 20 users x 2 devices), after a 30 s warm-up at 32 concurrent. From the project root:
#   bench/per-expense.sh [standalone jar]            what one expense costs: CPU per expense of the server (and of it,
#       the JIT's compiler threads), PostgreSQL and the load client (from /proc over 20 s of closed loop at 32), the
#       server's own time per expense and how many requests that leaves inside it, and the heap it allocates per
#       expense; then, over another 20 s with log_statement=all
#       on the database (slower; the read side caught up before counting), SQL statements and commits per expense and
#       the commonest statements (their counts depend on batch sizes, so on the rate)
#   RATE=150 bench/per-expense.sh [jar]            the same at an open loop of 150 expenses/s (comparable on a busy machine)
#   STATEMENTS=no bench/per-expense.sh [jar]       the CPU figures only, without the statement-counting phase (about 40 s)
#   (each run also prints push p50 / p99 and the read side's part of it: from an expense's event to its feed entry)
#   WARM=120 RATE=300 bench/per-expense.sh [jar]   after a 120 s warm-up instead: past most of the JIT's compiling,
#       which at 30-50 s after the start still takes a quarter of the server's CPU
#   MODE=floor bench/per-expense.sh [jar]           the web stack's floor beside an expense: an authenticated GET that reads
#       one row (/api/v1/me/home-currency) at 32 in flight, WARM s then 20 s measured: requests/s and the server's CPU
#       per request (what Tomcat, the filters, Security's JWT check, MVC and one read-only JPA transaction cost)
#   MODE=soak bench/per-expense.sh [jar]             from a fresh start, WINDOWS (10) closed loops at 32 of SOAK (30) s back
#       to back, each window's expenses/s, refusals and push latency beside the events stored: whether a cost grows
#       with the data
#   MODE=overload bench/per-expense.sh [jar]         past saturation: the closed-loop rate at 32, then 20 s open loop at
#       twice that rate; what was accepted, what was shed (load.mjs counts non-2xx as errors) and the push lag
#   MODE=stages bench/per-expense.sh [jar]           where a push waits at 200/s, after compare.sh's own phases (30 s at 32,
#       15 s at 100/s, 20 s at 32, 5 s idle): every push of a 20 s run at 200/s (a copy of load.mjs that logs each one)
#       joined with the database's stamps of its expense, split into send -> event stamped (request, auth, command),
#       event -> 2xx (commit, answer), event -> feed entry written (the read side), feed entry -> push received (feed
#       commit, push, socket, client): p50 / p90 / p99 of each, and their means over the worst 2 % of pushes
# USERS and DEVICES choose the workload (20 and 2 by default; compare.sh's other workload is USERS=100 DEVICES=3).
# PORT and DB choose the server's port (its actuator's is PORT + 1000) and database, so two runs on one machine don't
# collide; JAVA_OPTS go to the server's JVM (a profiler: -XX:StartFlightRecording=filename=/tmp/x.jfr,settings=profile).
set -u
jar=$(realpath "${1:-standalone/target/tally-standalone.jar}")
here=$(cd "$(dirname "$0")" && pwd)
anchor=${ANCHOR_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tally-anchor}
# the yardstick's load client: ../shared/anchor beside the project (ANCHOR_SRC when the project is a worktree elsewhere)
src=${ANCHOR_SRC:-$here/../../shared/anchor}
mkdir -p "$anchor" && cp "$src"/{load.mjs,package.json,package-lock.json} "$anchor"/ 2>/dev/null
[ -d "$anchor/node_modules" ] || (cd "$anchor" && npm install --no-audit --no-fund --loglevel=error >/dev/null 2>&1)
workload="--users ${USERS:-20} --devices ${DEVICES:-2}"
db=${DB:-tally_per_expense} port=${PORT:-18931}; mport=$((port + 1000)) pglog=${PGLOG:-/var/log/postgresql/postgresql-15-main.log}
out=$(mktemp -d)
sql() { psql -h 127.0.0.1 -U postgres -qtAc "$1"; }
sql "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1; sql "CREATE DATABASE $db"
(cd "$out" && TALLY_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db TALLY_DB_USER=postgres exec java ${JAVA_OPTS:-} -jar "$jar" \
  --server.port=$port --tally.rate-limit.enabled=false > server.log 2>&1) & server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 300); do curl -fs http://127.0.0.1:$port/actuator/health >/dev/null 2>&1 && break; sleep 1; done
# RATE=n measures at an open loop of n expenses/s instead of the closed loop at 32: on a shared machine the closed loop's
# rate (and so the batch sizes an expense's cost depends on) moves with the neighbours' load; a fixed rate compares
load() {
  if [ -n "${RATE:-}" ]; then mode="--rate $RATE"; else mode="--closed --concurrency 32"; fi
  (cd "$anchor" && node load.mjs product http://127.0.0.1:$port $mode --seconds "$1" $workload)
}
recorded() { curl -s http://127.0.0.1:$mport/actuator/prometheus | awk '/^http_server_requests_seconds_count.*status="201",uri="\/api\/v1\/transactions"/{s+=$2} END{print s+0}'; }
# the server's own view: seconds spent in POST /api/v1/transactions (from the filter chain to the answer) and bytes
# allocated on its heap, so far
inside() { curl -s http://127.0.0.1:$mport/actuator/prometheus | awk '/^http_server_requests_seconds_sum.*method="POST".*uri="\/api\/v1\/transactions"/{s+=$2} /^jvm_gc_memory_allocated_bytes_total/{a+=$2} END{printf "%.3f %.0f\n", s, a}'; }
ticks() { local s=0 t; for q in "$@"; do t=$(awk '{print $14+$15}' /proc/$q/stat 2>/dev/null || echo 0); s=$((s+t)); done; echo $s; }
# PostgreSQL's backends come and go (a pool renews its connections): its CPU is the sum over the processes alive at both
# ends of the window, never a backend's whole life subtracted
pgticks() { for q in $(pgrep -u postgres postgres); do awk -v q="$q" '{print q, $14+$15}' /proc/$q/stat 2>/dev/null; done; }
# the JIT's compiler threads (C1, C2) of the server: what of its CPU is compiling rather than serving
jitticks() { local f; f=$(grep -ls '^C[12] Compiler' /proc/$1/task/*/comm)  # two processes, not one per thread: quick
  if [ -n "$f" ]; then awk '{sub(/^.*\) /, ""); s += $12 + $13} END {print s + 0}' ${f//comm/stat} 2>/dev/null; else echo 0; fi; }
# each expense's first feed entry and when the projection wrote it (user_feed.created_at)
feed_entries="SELECT global_index, min(created_at) AS at FROM user_feed WHERE event = 'expense:created' GROUP BY global_index"
pgdelta() { awk 'NR == FNR {t[$1] = $2; next} ($1 in t) {s += $2 - t[$1]} END {print s + 0}' "$1" "$2"; }
if [ "${MODE:-cost}" = floor ]; then
  # one user, then GETs at 32 in flight (Node's fetch): the warm-up, then 20 s with the server's CPU read around them
  cat > "$out/floor.mjs" <<'JS'
const [base, warm] = [process.argv[2], Number(process.argv[3])];
const call = (path, init) => fetch(base + path, init).then(async (r) => [r.status, await r.text()]);
const json = { "content-type": "application/json" };
const email = `floor${Date.now()}@example.org`, password = "correct horse battery staple";
await call("/api/v1/auth/register", { method: "POST", headers: json, body: JSON.stringify({ email, password, displayName: "floor", timeZone: "UTC" }) });
const token = JSON.parse((await call("/api/v1/auth/login", { method: "POST", headers: json, body: JSON.stringify({ email, password }) }))[1]).accessToken;
if (!token) throw new Error("no access token");
async function loop(seconds) {
  let ok = 0, other = 0; const end = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (performance.now() < end) { const [status] = await call("/api/v1/me/home-currency", { headers: { authorization: `Bearer ${token}` } }); status === 200 ? ok++ : other++; }
  }));
  return { ok, other };
}
await loop(warm);
process.stdout.write("measuring\n");
const r = await loop(20);
console.log(JSON.stringify(r));
JS
  node "$out/floor.mjs" http://127.0.0.1:$port "${WARM:-30}" > "$out/floor.out" & # Node's own fetch: no packages
  f=$!
  until grep -q measuring "$out/floor.out" 2>/dev/null; do kill -0 $f 2>/dev/null || exit 1; sleep 0.2; done
  j0=$(ticks $server); wait $f; j1=$(ticks $server)
  python3 - "$(tail -1 "$out/floor.out")" $((j1 - j0)) <<'PY'
import json, sys
r, ticks = json.loads(sys.argv[1]), int(sys.argv[2])
print(f"authenticated GET reading one row, 32 in flight: {r['ok'] / 20:.0f}/s ({r['other']} not 200); "
      f"server CPU {ticks * 10 / max(r['ok'], 1):.2f} ms per request ({ticks / 100 / 20:.2f} cores)")
PY
  exit 0
fi
if [ "${MODE:-cost}" = stages ]; then
  # load.mjs, copied, made to keep each push's arrival and expense id and to write them out (PUSHLOG) with the wall
  # clock of its start: the yardstick itself stays as it is
  python3 - "$anchor/load.mjs" "$anchor/load-stages.mjs" <<'PY' || { echo "load.mjs changed: MODE=stages cannot log its pushes"; exit 1; }
import sys
s = open(sys.argv[1]).read()
for old, new in [
    ("const now = performance.now(); delivered++;", "const now = performance.now(); delivered++; (m.pushes ||= []).push(now); m.id = e.id;"),
    ("const t0 = performance.now(), end", "const t0 = performance.now(), wall0 = Date.now(), end"),
    ("console.log(JSON.stringify(out));", "console.log(JSON.stringify(out));\nif (process.env.PUSHLOG) (await import('node:fs')).writeFileSync(process.env.PUSHLOG, "
     "[`# ${wall0}`, ...[...sent.values()].filter(m => m.id).map(m => `${m.id} ${wall0 + m.t0 - t0} ${m.t2xx - m.t0} ${m.pushes.map(p => p - m.t0).join(' ')}`)].join('\\n') + '\\n');"),
]:
    if old not in s:
        sys.exit(1)
    s = s.replace(old, new)
open(sys.argv[2], "w").write(s)
PY
  run() { (cd "$anchor" && node load-stages.mjs product http://127.0.0.1:$port "$@" $workload); }
  run --closed --concurrency 32 --seconds 30 > /dev/null; run --rate 100 --seconds 15 > /dev/null
  run --closed --concurrency 32 --seconds 20 > /dev/null; sleep 5
  PUSHLOG="$out/pushes" run --rate 200 --seconds 20 | tail -1
  psql -h 127.0.0.1 -U postgres -d "$db" -qtAc "COPY (WITH f AS ($feed_entries)
    SELECT e.aggregate_identifier, extract(epoch FROM e.time_stamp::timestamptz) * 1000, extract(epoch FROM f.at) * 1000
    FROM domain_event_entry e JOIN f USING (global_index) WHERE e.payload_type LIKE '%TransactionRecorded') TO STDOUT" > "$out/stamps"
  python3 - "$out/pushes" "$out/stamps" <<'PY'
import sys
stamps = {}
for line in open(sys.argv[2]):
    expense, event, entry = line.split("\t")
    stamps[expense] = (float(event), float(entry))
rows = []
for line in open(sys.argv[1]).read().splitlines()[1:]:
    expense, sent, http, *pushes = line.split()
    if expense in stamps and pushes:
        event, entry = stamps[expense]; sent = float(sent); last = sent + max(map(float, pushes))
        rows.append({"push": last - sent, "send -> event": event - sent, "event -> 2xx": sent + float(http) - event,
                     "event -> feed entry": entry - event, "feed entry -> push": last - entry})
pct = lambda v, p: sorted(v)[min(len(v) - 1, int(len(v) * p))]
print(f"{len(rows)} expenses, each its last device's push (the database stamps to the millisecond):")
for k in rows[0]:
    v = [r[k] for r in rows]
    print(f"  {k:20} p50 / p90 / p99 {pct(v, .5):6.1f} / {pct(v, .9):6.1f} / {pct(v, .99):6.1f} ms")
worst = sorted(rows, key=lambda r: -r["push"])[:max(1, len(rows) // 50)]
print(f"  the worst 2 % ({len(worst)}), means: " + ", ".join(f"{k} {sum(r[k] for r in worst) / len(worst):.1f}" for k in rows[0]) + " ms")
PY
  exit 0
fi
if [ "${MODE:-cost}" = soak ]; then
  # from the start, WINDOWS closed loops of SOAK s back to back: a rate that falls from one window to the next while
  # the store grows is a cost that grows with the data (a plan reading a whole table)
  for w in $(seq "${WINDOWS:-10}"); do
    load "${SOAK:-30}" > "$out/w.json"
    python3 - "$w" "$(psql -h 127.0.0.1 -U postgres -d "$db" -qtAc "SELECT count(*) FROM domain_event_entry")" "$(tail -1 "$out/w.json")" <<'PY'
import json, sys
w, events, r = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
print(f"window {w}: {r['commands_per_s']}/s, {r['errors']} refused, push p50 / p99 {r['push_p50_ms']} / {r['push_p99_ms']} ms, "
      f"lost {r['lost']}; {events} events stored")
PY
  done
  exit 0
fi
load "${WARM:-30}" > /dev/null
if [ "${MODE:-cost}" = overload ]; then
  load 20 | tee "$out/closed.json"
  rate=$(python3 -c "import json,sys; print(int(2 * json.loads(open('$out/closed.json').read().strip().splitlines()[-1])['commands_per_s']))")
  sleep 5
  echo "open loop at $rate/s (twice the closed loop's rate):"
  (cd "$anchor" && node load.mjs product http://127.0.0.1:$port --rate "$rate" --seconds 20 $workload)
  curl -s http://127.0.0.1:$mport/actuator/prometheus | grep -E '^http_server_requests_seconds_count.*uri="/api/v1/transactions"'
  exit 0
fi
load 25 > "$out/cpu.json" & l=$!
sleep 3
node=$(pgrep -f "load.mjs product http://127.0.0.1:$port" | head -1)
j0=$(ticks $server); k0=$(jitticks $server); pgticks > "$out/pg0"; n0=$(ticks $node); e0=$(recorded); read -r s0 a0 <<< "$(inside)"
sleep 20
j1=$(ticks $server); k1=$(jitticks $server); pgticks > "$out/pg1"; pg=$(pgdelta "$out/pg0" "$out/pg1"); n1=$(ticks $node); e1=$(recorded); read -r s1 a1 <<< "$(inside)"
wait $l
# the read side's share of a push: from an expense's event (stamped as the command is handled) to its member's feed
# entry (stamped as the projection writes it), over the window's last 20 s of events
stage=$(psql -h 127.0.0.1 -U postgres -d "$db" -qtAc "WITH e AS (SELECT global_index, time_stamp::timestamptz AS ts FROM domain_event_entry
  WHERE payload_type LIKE '%TransactionRecorded' AND time_stamp::timestamptz > (SELECT max(time_stamp::timestamptz) FROM domain_event_entry) - interval '20 seconds'),
 f AS ($feed_entries),
 d AS (SELECT extract(epoch FROM f.at - e.ts) * 1000 AS ms FROM e JOIN f USING (global_index))
SELECT concat_ws(' ', round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1), round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1)) FROM d")
c0=0 c1=0
if [ "${STATEMENTS:-yes}" != no ]; then
  sql "ALTER DATABASE $db SET log_statement = 'all'"
  sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$db'" >/dev/null # pools reconnect, with the setting
  sleep 2
  from=$(wc -l < "$pglog"); c0=$(sql "SELECT xact_commit FROM pg_stat_database WHERE datname = '$db'")
  load 20 > "$out/statements.json"
  sleep 5
  c1=$(sql "SELECT xact_commit FROM pg_stat_database WHERE datname = '$db'")
  sql "ALTER DATABASE $db RESET log_statement"
  tail -n +$((from + 1)) "$pglog" | grep -E "LOG:  (statement|execute)" > "$out/statements.txt"
fi
python3 - "$out" $((e1 - e0)) $((j1 - j0)) $pg $((n1 - n0)) $c0 $c1 $s0 $s1 $a0 $a1 $((k1 - k0)) $stage <<'PY'
import sys, json, os, re, collections
out, expenses, java, pg, node, c0, c1 = sys.argv[1], *map(int, sys.argv[2:8])
s0, s1, a0, a1 = map(float, sys.argv[8:12])
jit = int(sys.argv[12])
stage = sys.argv[13:15]
hz = 100
print(f"CPU over 20 s: {expenses} expenses ({expenses / 20:.0f}/s)")
for name, ticks in [("server", java), ("PostgreSQL", pg), ("load client", node)]:
    print(f"  {name}: {ticks * 1000 / hz / max(expenses, 1):.2f} ms per expense ({ticks / hz / 20:.2f} cores)"
          + (f", of which the JIT's compiler threads {jit * 1000 / hz / max(expenses, 1):.2f} ms ({jit / hz / 20:.2f} cores)" if name == "server" else ""))
cpu = json.loads(open(f"{out}/cpu.json").read().strip().splitlines()[-1])
# Little's law: requests inside the server on average, of the 32 the client keeps in flight
print(f"  server-side time per expense {1000 * (s1 - s0) / max(expenses, 1):.1f} ms ({(s1 - s0) / 20:.1f} requests inside on average), "
      f"client-seen http p50 {cpu['http_p50_ms']} ms; heap allocated {(a1 - a0) / 1024 / max(expenses, 1):.0f} KiB per expense")
print(f"  push p50 / p99 {cpu['push_p50_ms']} / {cpu['push_p99_ms']} ms, of which event to feed entry (the read side's wait and work) "
      f"p50 / p99 {' / '.join(stage) or '-'} ms")
if not os.path.exists(f"{out}/statements.txt"):
    sys.exit(0)  # STATEMENTS=no: the CPU figures only
lines = open(f"{out}/statements.txt").read().splitlines()
n = json.loads(open(f"{out}/statements.json").read().strip().splitlines()[-1])["commands_ok"]
begun = sum(1 for line in lines if re.search(r"(statement|execute [^:]*): BEGIN", line))
print(f"statements with log_statement=all: {n} expenses, {len(lines) / n:.1f} statements, {begun / n:.2f} transactions (BEGIN) and "
      f"{(c1 - c0) / n:.2f} commits per expense (pg_stat_database.xact_commit: a statement outside a transaction is one too)")
kinds = collections.Counter()
for line in lines:
    text = re.sub(r"^.*?(statement|execute [^:]*): ", "", line).strip()
    text = re.sub(r"\$\d+", "?", re.sub(r"'[^']*'", "'…'", text))
    kinds[re.sub(r"\b\d+\b", "N", text)[:110]] += 1
for text, count in kinds.most_common(25):
    print(f"  {count / n:5.2f}  {text}")
PY
