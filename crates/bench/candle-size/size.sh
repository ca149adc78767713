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
# Ours again as the site's release profile builds the engine: perplexed-core at opt-level 3,
# the rest "z", no LTO (root Cargo.toml, docs/PERFORMANCE.md finding 1).
(cd "$HERE/ours" && cargo build -q --release --target wasm32-unknown-unknown --target-dir target/o3 \
  --config 'profile.release.package.perplexed-core.opt-level=3' --config 'profile.release.lto=false' "$@")
f="$HERE/ours/target/o3/wasm32-unknown-unknown/release/w6_size_ours.wasm"
echo "ours, core at opt-level 3 (the site's profile): $(stat -c %s "$f") bytes raw, $(gzip -9 -c "$f" | wc -c) gzip -9"
