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

log "release build of the site"
trunk build --release

# The engine's speed rests on WebAssembly SIMD; a RUSTFLAGS from anywhere would silently drop
# .cargo/config.toml's +simd128. Count the f32x4 instructions in every lab's bundle (the home
# page trains nothing and has none).
for wasm in dist/lab-*_bg.wasm; do
  simd_ops=$(wasm-dis "$wasm" | grep -c 'f32x4' || true)
  log "$(basename "$wasm"): ${simd_ops} f32x4 instructions"
  if [ "${simd_ops:-0}" -lt 20 ]; then
    log "$(basename "$wasm") lost its SIMD kernels (${simd_ops} f32x4 instructions)"
    exit 1
  fi
done

log "browser tests"
node --test --test-concurrency=1 tests/e2e/
