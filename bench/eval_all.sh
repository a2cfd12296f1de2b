#!/usr/bin/env bash
# Evaluate every dev set pinned in sucesos/eval/floors.json and check its floors.
#
#   bench/eval_all.sh            # whole files, 'full' floors (a few minutes)
#   QUICK=1 bench/eval_all.sh    # first quick_limit records, 'quick' floors (what CI runs)
#
# Reports land in $OUT (default out/eval/<set>.json, out/eval-quick/ with QUICK);
# bench/eval_summary.py turns them into the Evaluation table of README.md and
# bench/set_floors.py into floors (see bench/README.md). Exit 1 when any set
# misses a floor or fails, 2 when the data folder is missing.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${DATA:-$ROOT/../shared/data}
OUT=${OUT:-$ROOT/out/eval${QUICK:+-quick}}
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$PYTHON" ] || PYTHON=python3
if [ ! -d "$DATA" ]; then
  echo "dev data not found at $DATA (set DATA=/path/to/shared/data)" >&2
  exit 2
fi
mkdir -p "$OUT"
status=0
while IFS=$'\t' read -r name task gold mode quick_limit countries; do
  args=(eval "$task" "$DATA/$gold" --floor "$name" --json "$OUT/$name.json")
  case "$gold" in bench/*) args=(eval "$task" "$ROOT/$gold" --floor "$name" --json "$OUT/$name.json") ;; esac  # a set kept in the repository
  if [ "$task" = dedup ]; then args=(eval dedup "$ROOT/$gold" --floor "$name" --json "$OUT/$name.json"); fi  # a set kept in the repository
  if [ "$task" = places ]; then args+=(--mode "$mode"); fi
  if [ -n "$countries" ]; then args+=(--countries "$ROOT/$countries"); fi  # a country coding kept in the repository
  if [ -n "${QUICK:-}" ]; then args+=(--limit "$quick_limit"); fi
  echo "== $name: sucesos ${args[*]}"
  "$PYTHON" -c 'import sys; from sucesos.cli import main; sys.argv[0] = "sucesos"; main()' "${args[@]}" || status=1
done < <("$PYTHON" -c 'from sucesos.eval.floors import load_floors
for s in load_floors().values(): print(s.name, s.task, s.gold, s.mode, s.quick_limit, s.countries or "", sep="\t")')
"$PYTHON" "$ROOT/bench/eval_summary.py" "$OUT"
exit $status
