#!/usr/bin/env bash
# What one expense costs the seed's Node design (../shared/anchor/server.mjs) under compare.sh's closed loop (c=32,
# 20 users x 2 devices): CPU per expense of its server, of the load client and of PostgreSQL, from /proc over 10 s of a
# 20 s run after a 10 s warm-up. Beside bench/per-expense.sh's figures for the jar, it says how much of the machine the
# load client itself takes at a given rate. From the project root: bench/anchor-cost.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
anchor=${ANCHOR_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tally-anchor}
src=${ANCHOR_SRC:-$here/../../shared/anchor}
mkdir -p "$anchor" && cp "$src"/{server.mjs,load.mjs,package.json,package-lock.json} "$anchor"/ 2>/dev/null
[ -d "$anchor/node_modules" ] || (cd "$anchor" && npm install --no-audit --no-fund --loglevel=error >/dev/null 2>&1)
out=$(mktemp -d)
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS anchor" -c "CREATE DATABASE anchor" >/dev/null 2>&1
(cd "$anchor" && PORT=3911 DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/anchor exec node server.mjs > "$out/server.log" 2>&1) & server=$!
trap 'kill $server 2>/dev/null' EXIT
sleep 3
(cd "$anchor" && node load.mjs anchor http://127.0.0.1:3911 --closed --concurrency 32 --users 20 --devices 2 --seconds 10) > /dev/null  # warm-up
ticks() { awk '{print $14+$15}' /proc/$1/stat; }
pgticks() { for q in $(pgrep -u postgres postgres); do awk -v q="$q" '{print q, $14+$15}' /proc/$q/stat 2>/dev/null; done; }
(cd "$anchor" && exec node load.mjs anchor http://127.0.0.1:3911 --closed --concurrency 32 --users 20 --devices 2 --seconds 20) > "$out/run.json" & client=$!
sleep 6
s0=$(ticks $server); c0=$(ticks $client); pgticks > "$out/pg0"; t0=$(date +%s.%N)
sleep 10
s1=$(ticks $server); c1=$(ticks $client); pgticks > "$out/pg1"; t1=$(date +%s.%N)
wait $client
pg=$(awk 'NR == FNR {t[$1] = $2; next} ($1 in t) {s += $2 - t[$1]} END {print s + 0}' "$out/pg0" "$out/pg1")
python3 - "$out/run.json" $((s1 - s0)) $((c1 - c0)) "$pg" "$t0" "$t1" <<'PY'
import json, sys
run = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
server, client, pg, t0, t1 = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
rate, secs = run["commands_per_s"], t1 - t0
print(f"Node design, closed loop at 32: {rate}/s, push p99 {run['push_p99_ms']} ms")
for name, ticks in [("server", server), ("load client", client), ("PostgreSQL", pg)]:
    print(f"  {name}: {ticks / 100 / (rate * secs) * 1000:.2f} ms per expense ({ticks / 100 / secs:.2f} cores)")
PY
