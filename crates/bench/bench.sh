#!/usr/bin/env bash
# Builds perplexed-bench natively and for wasm32-wasip1 (+simd128), runs both (the wasm under
# node's WASI, i.e. in V8 like the browser), and prints both tables and a side-by-side summary.
#
# Usage: crates/bench/bench.sh [--profile shipped|opt3|both] [--out DIR] [bench args…]
#   --profile shipped  the workspace release profile as it is (final crate opt-level "z" + fat
#                      LTO — the LTO step re-optimises the engine at "z", see docs/PERFORMANCE.md)
#   --profile opt3     the same, but the bench crate (the final crate) at opt-level 3, so the
#                      engine is optimised as the core's own `opt-level = 3` intends
#   --profile both     both of the above (default)
#   --out DIR          where the JSON results and the built binaries go (default target/bench)
#   anything else is passed to perplexed-bench, e.g. --quick, --repeats 21, --only W2,W4
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PROFILE=both
OUT="$ROOT/target/bench"
PASS=()
DATA="$ROOT/../shared/bench-data"
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) PROFILE="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --data) DATA="$2"; PASS+=("$1" "$2"); shift 2 ;;
    *) PASS+=("$1"); shift ;;
  esac
done
case "$PROFILE" in
  shipped) CONFIGS=(shipped) ;;
  opt3) CONFIGS=(opt3) ;;
  both) CONFIGS=(shipped opt3) ;;
  *) echo "--profile must be shipped, opt3 or both" >&2; exit 2 ;;
esac
mkdir -p "$OUT"

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
