#!/usr/bin/env bash
# Two jars' cost per expense, measured alternately so that the machine's drift falls on both: A B A B …, each run
# bench/per-expense.sh on a fresh database (WARM and RATE as there; a fixed RATE gives both the same batch sizes).
# Prints each run's figures, then per jar the mean and the spread of the server's, PostgreSQL's and the load client's
# CPU per expense. A difference inside the spread is not one. From the project root:
#   WARM=120 RATE=150 ROUNDS=2 bench/ab.sh old.jar new.jar
set -u
[ $# -eq 2 ] || { echo "usage: [WARM=s] [RATE=n] [ROUNDS=n] bench/ab.sh jar-a jar-b" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
for round in $(seq "${ROUNDS:-2}"); do
  for side in a b; do
    jar=$([ $side = a ] && echo "$1" || echo "$2")
    echo "== $side ($(basename "$jar")), round $round, $(date -u +%H:%M:%S) UTC"
    STATEMENTS=no bash "$here/per-expense.sh" "$jar" 2>&1 | grep -E "^(CPU over|  server:|  PostgreSQL:|  load client:|  push p50)" | tee -a "$out/$side"
  done
done
python3 - "$out" "$1" "$2" <<'PY'
import re, statistics, sys
out, jars = sys.argv[1], {"a": sys.argv[2], "b": sys.argv[3]}
for side, jar in jars.items():
    runs = {"server": [], "PostgreSQL": [], "load client": []}
    for line in open(f"{out}/{side}"):
        m = re.match(r"  (server|PostgreSQL|load client): ([\d.]+) ms per expense", line)
        if m:
            runs[m.group(1)].append(float(m.group(2)))
    print(f"{side} {jar}: " + "; ".join(
        f"{k} {statistics.mean(v):.2f} ms ({min(v):.2f}-{max(v):.2f})" for k, v in runs.items() if v) + " per expense")
PY
