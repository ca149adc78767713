#!/usr/bin/env bash
# Random forest fitting time, ours next to scikit-learn, interleaved in one run (issue #6):
# 100 trees of depth ≤ 8 on 1,000 2-D points, RandomForestClassifier(n_jobs=1) defaults.
# Builds the release `forest` binary (the workspace release profile: perplexed-core at
# opt-level 3, as shipped), writes the data set once, then runs
# crates/bench/sklearn/forest_bench.py, which alternates scikit-learn and our binary.
#
# Usage: crates/bench/forest.sh [--rounds N] [--per-round K] [--out DIR]
#   --rounds N      interleaved rounds (default 5)
#   --per-round K   timed fits per side per round (default 3; repeats = N × K per side)
#   --out DIR       where forest.csv and forest.json go (default target/bench)
# Needs python3 with numpy and scikit-learn. Honours CARGO_TARGET_DIR.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
OUT="$ROOT/target/bench"
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    --rounds|--per-round) ARGS+=("$1" "$2"); shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

cargo build -q --release -p perplexed-bench --bin forest
BIN="$TARGET/release/forest"
"$BIN" --write-data "$OUT/forest.csv" --points 1000 --seed 1

echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 crates/bench/sklearn/forest_bench.py --ours "$BIN" --data "$OUT/forest.csv" --json "$OUT/forest.json" "${ARGS[@]}"
