#!/usr/bin/env bash
# Builds perplexed-bench natively and for wasm32-wasip1 (+simd128), runs both (the wasm under
# node's WASI, i.e. in V8 like the browser), and prints both tables and a side-by-side summary.
# With --side-by-side: our wasm next to TensorFlow.js instead (docs/PERFORMANCE.md, "Side by side
# with TensorFlow.js"). The native criterion view is `cargo bench -p perplexed-bench`.
# W6–W8 (the tensor engine) next to TF.js, candle and ConvNetJS: crates/bench/engine-bench.sh.
#
# Usage: crates/bench/bench.sh [--profile shipped|opt3|both] [--out DIR] [bench args…]
#        crates/bench/bench.sh --side-by-side [--profile shipped|opt3] [--rounds N] [--wait-quiet [CORES]] [bench args…]
#   --side-by-side     instead: our wasm next to TensorFlow.js (cpu and wasm backends) on W1–W5,
#                      interleaved (crates/bench/side-by-side.mjs); one profile (default shipped);
#                      installs TensorFlow.js with `npm ci` in crates/bench if it is missing.
#                      Writes target/bench/side-by-side.json and side-by-side-summary.json.
#   --rounds N         interleaved rounds of the side-by-side run (default 3)
#   --wait-quiet [C]   side by side: before each round and engine process wait until fewer than C
#                      cores (0.3) are busy; rerun a process during which > 1.5 were busy
#   --profile shipped  the workspace release profile as it is (final crate opt-level "z", no LTO;
#                      what the page ships — see docs/PERFORMANCE.md, finding 1)
#   --profile opt3     the same, but the bench crate (the final crate) at opt-level 3, so the
#                      engine is optimised as the core's own `opt-level = 3` intends
#   --profile both     both of the above (default; --side-by-side defaults to shipped)
#   --out DIR          where the JSON results and the built binaries go (default target/bench)
#   anything else is passed to perplexed-bench, e.g. --quick, --repeats 21, --only W2,W4
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PROFILE=
OUT="$ROOT/target/bench"
PASS=()
SIDE=()
SIDE_BY_SIDE=0
DATA="$ROOT/../shared/bench-data"
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) PROFILE="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --data) DATA="$2"; PASS+=("$1" "$2"); shift 2 ;;
    --side-by-side) SIDE_BY_SIDE=1; shift ;;
    --rounds) SIDE+=("$1" "$2"); shift 2 ;;
    --wait-quiet)
      if [[ "${2:-}" =~ ^[0-9.]+$ ]]; then SIDE+=("$1" "$2"); shift 2; else SIDE+=("$1"); shift; fi ;;
    *) PASS+=("$1"); shift ;;
  esac
done
if [ -z "$PROFILE" ]; then
  if [ "$SIDE_BY_SIDE" = 1 ]; then PROFILE=shipped; else PROFILE=both; fi
fi
case "$PROFILE" in
  shipped) CONFIGS=(shipped) ;;
  opt3) CONFIGS=(opt3) ;;
  both) CONFIGS=(shipped opt3) ;;
  *) echo "--profile must be shipped, opt3 or both" >&2; exit 2 ;;
esac
if [ "$SIDE_BY_SIDE" = 1 ] && [ "${#CONFIGS[@]}" != 1 ]; then
  echo "--side-by-side compares one build: --profile shipped or opt3" >&2; exit 2
fi
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

# A RUSTFLAGS variable would replace the target-specific flags below (and .cargo/config.toml).
unset RUSTFLAGS
export CARGO_TARGET_WASM32_WASIP1_RUSTFLAGS="-C target-feature=+simd128"

if ! rustup target list --installed | grep -qx wasm32-wasip1; then
  rustup target add wasm32-wasip1
fi

cfg_args() { if [ "$1" = opt3 ]; then echo "--config profile.release.package.perplexed-bench.opt-level=3"; fi; }
note() { if [ "$1" = opt3 ]; then echo "final crate opt-level 3"; else echo "release profile as configured"; fi; }

# The data files against the sha256 prefixes/suffixes published in the shared PERFORMANCE.md.
for pair in spiral_train.csv:521d895f:3f18 spiral_test.csv:62c84e46:cab3 digits_random.csv:fae1ff92:6db0; do
  IFS=: read -r f pre suf <<<"$pair"
  h=$(sha256sum "$DATA/$f" 2>/dev/null | cut -d' ' -f1 || true)
  if [[ "$h" == "$pre"*"$suf" ]]; then echo "sha256 $f: ok ($pre…$suf)"; else echo "sha256 $f: MISMATCH or missing (${h:-no file})"; fi
done

# Build everything first, so no compilation runs while anything is being timed.
for c in "${CONFIGS[@]}"; do
  # shellcheck disable=SC2046
  cargo build -q -p perplexed-bench --release $(cfg_args "$c")
  cp target/release/perplexed-bench "$OUT/perplexed-bench-$c"
  # shellcheck disable=SC2046
  cargo build -q -p perplexed-bench --release --target wasm32-wasip1 $(cfg_args "$c")
  cp target/wasm32-wasip1/release/perplexed-bench.wasm "$OUT/perplexed-bench-$c.wasm"
  DIS="$ROOT/node_modules/.bin/wasm-dis"
  if [ -x "$DIS" ]; then
    n=$("$DIS" "$OUT/perplexed-bench-$c.wasm" | grep -c 'f32x4' || true)
    echo "[$c] wasm: $(stat -c %s "$OUT/perplexed-bench-$c.wasm") bytes, $n instructions mentioning f32x4 (wasm-dis)"
  fi
done

if [ "$SIDE_BY_SIDE" = 1 ]; then
  c="${CONFIGS[0]}"
  echo
  node --no-warnings crates/bench/side-by-side.mjs --wasm "$OUT/perplexed-bench-$c.wasm" --out "$OUT" \
    --note "$(note "$c")" "${SIDE[@]}" "${PASS[@]}"
  exit 0
fi

JSONS=()
for c in "${CONFIGS[@]}"; do
  echo
  echo "=== native, $(note "$c") ==="
  "$OUT/perplexed-bench-$c" --note "$(note "$c")" --json "$OUT/native-$c.json" "${PASS[@]}"
  echo
  echo "=== wasm32-wasip1 +simd128 under node $(node --version), $(note "$c") ==="
  node --no-warnings crates/bench/run-wasm.mjs "$OUT/perplexed-bench-$c.wasm" \
    --note "$(note "$c")" --json "$OUT/wasm-$c.json" "${PASS[@]}"
  JSONS+=("$OUT/native-$c.json" "$OUT/wasm-$c.json")
done

echo
node crates/bench/compare.mjs "${JSONS[@]}"
