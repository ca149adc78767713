#!/usr/bin/env bash
# Builds both W6 cdylibs for wasm32-unknown-unknown at opt-level "z" and prints their sizes
# (raw, gzip -9; and after wasm-opt -Oz when node_modules has binaryen's wasm-opt).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
unset RUSTFLAGS
# getrandom 0.3 (pulled in by candle's rand) needs its JS backend chosen by cfg on this target.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS='-C target-feature=+simd128 --cfg getrandom_backend="wasm_js"'
OPT="$ROOT/node_modules/.bin/wasm-opt"
for p in ours candle; do
  (cd "$HERE/$p" && cargo build -q --release --target wasm32-unknown-unknown "$@")
  f="$HERE/$p/target/wasm32-unknown-unknown/release/w6_size_$p.wasm"
  line="$p: $(stat -c %s "$f") bytes raw, $(gzip -9 -c "$f" | wc -c) gzip -9"
  if [ -x "$OPT" ]; then
    "$OPT" -Oz --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals "$f" -o "$f.opt.wasm"
    line="$line; wasm-opt -Oz: $(stat -c %s "$f.opt.wasm") raw, $(gzip -9 -c "$f.opt.wasm" | wc -c) gzip -9"
  fi
  echo "$line"
done
