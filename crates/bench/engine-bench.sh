#!/usr/bin/env bash
# W6–W8 (issue 13, docs/ENGINE-BENCH.md): builds our engine's bench (native and wasm32-wasip1
# +simd128, the shipped release profile) and the candle peer (crates/bench/candle, its own cargo
# project, wasm32-wasip1 +simd128), installs TensorFlow.js and ConvNetJS (npm ci) if missing, then
# runs engine-side-by-side.mjs: all engines interleaved in one run, one table, ratios, sanity.
#
# Usage: crates/bench/engine-bench.sh [--no-candle] [--candle-native] [--rounds N] [--wait-quiet [C]]
#                                     [--only W6,W7,W8] [--quick] [--repeats N] …
#   --no-candle      skip building candle (a cold candle build takes ~10+ min on 2 cores)
#   --candle-native  also build and run candle natively
# Everything else goes to engine-side-by-side.mjs. Writes target/bench/engine-side-by-side.json.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
CANDLE=1
CANDLE_NATIVE=0
PASS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-candle) CANDLE=0; shift ;;
    --candle-native) CANDLE_NATIVE=1; shift ;;
    *) PASS+=("$1"); shift ;;
  esac
done
OUT="$ROOT/target/bench"
mkdir -p "$OUT"
unset RUSTFLAGS
export CARGO_TARGET_WASM32_WASIP1_RUSTFLAGS="-C target-feature=+simd128"
rustup target list --installed | grep -qx wasm32-wasip1 || rustup target add wasm32-wasip1

cargo build -q -p perplexed-bench --release
cp target/release/perplexed-bench "$OUT/perplexed-bench-shipped"
cargo build -q -p perplexed-bench --release --target wasm32-wasip1
cp target/wasm32-wasip1/release/perplexed-bench.wasm "$OUT/perplexed-bench-shipped.wasm"
if [ "$CANDLE" = 1 ]; then
  (cd crates/bench/candle && cargo build -q --release --target wasm32-wasip1)
  cp crates/bench/candle/target/wasm32-wasip1/release/perplexed-bench-candle.wasm "$OUT/candle-bench.wasm"
  if [ "$CANDLE_NATIVE" = 1 ]; then
    (cd crates/bench/candle && cargo build -q --release)
    cp crates/bench/candle/target/release/perplexed-bench-candle "$OUT/candle-bench-native"
    PASS+=(--candle-native "$OUT/candle-bench-native")
  fi
fi
if [ ! -d crates/bench/node_modules/convnetjs ] || [ ! -d crates/bench/node_modules/@tensorflow/tfjs-backend-wasm ]; then
  (cd crates/bench && npm ci --no-audit --no-fund)
fi
node --no-warnings crates/bench/engine-side-by-side.mjs --out "$OUT" "${PASS[@]}"
