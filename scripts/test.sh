#!/usr/bin/env bash
# Runs every test: core and app natively, then the browser end-to-end tests (Playwright driving
# Debian's Chromium) against the release build in dist/. Installs whatever is missing first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ensure_build_tools
ensure_chromium
cd "$ROOT"

log "core and app tests (native)"
cargo test --workspace --locked

# Same seed, same bits, on every platform: the engine's training fingerprint natively and as
# WebAssembly with SIMD under node (V8, as in Chromium) must be identical
# (crates/core/src/tensor/fingerprint.rs).
log "the engine's fingerprint, natively and in WebAssembly"
cargo run -q --release --locked -p perplexed-core --example engine_fingerprint > target/fingerprint-native.txt
CARGO_TARGET_WASM32_WASIP1_RUSTFLAGS="-C target-feature=+simd128" \
  cargo build -q --release --locked -p perplexed-core --example engine_fingerprint --target wasm32-wasip1
node --no-warnings scripts/run-wasi.mjs target/wasm32-wasip1/release/examples/engine_fingerprint.wasm > target/fingerprint-wasm.txt
cat target/fingerprint-native.txt
if ! diff -u target/fingerprint-native.txt target/fingerprint-wasm.txt; then
  log "the engine gives different bits in WebAssembly than natively (diff above)"
  exit 1
fi

log "release build of the site"
trunk build --release

# The engine's speed rests on WebAssembly SIMD; a RUSTFLAGS from anywhere would silently drop
# .cargo/config.toml's +simd128. Count the f32x4 instructions in every lab's bundle (the home
# page and the language lab's tokens page train nothing and have none; the RL lab's tables are
# a few hundred numbers, updated one at a time, with no engine kernels).
for wasm in dist/lab-*_bg.wasm; do
  case "$(basename "$wasm")" in lab-language-tokens-*|lab-rl-*) continue ;; esac
  simd_ops=$(wasm-dis "$wasm" | grep -c 'f32x4' || true)
  log "$(basename "$wasm"): ${simd_ops} f32x4 instructions"
  if [ "${simd_ops:-0}" -lt 20 ]; then
    log "$(basename "$wasm") lost its SIMD kernels (${simd_ops} f32x4 instructions)"
    exit 1
  fi
done

log "browser tests"
node --test --test-concurrency=1 tests/e2e/
