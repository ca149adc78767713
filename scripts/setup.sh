#!/usr/bin/env bash
# Installs, idempotently, every tool the build and the tests need on a fresh machine of this kind
# (Debian, Rust by rustup, node 20). Sourced by serve.sh and test.sh; safe to run again: each step
# checks first and does nothing when the tool is already there at the right version.
# Only the package registries reachable here are used (cargo, npm, apt); nothing downloads a
# prebuilt binary from elsewhere, so Trunk is told to stay offline (Trunk.toml).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"   # 0.22 needs a newer rustc than this machine's 1.95

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

# WebAssembly with WASI: the engine's fingerprint (test.sh) and the bench run as programs under
# node, so the same code that the page runs can be checked and timed outside a browser.
ensure_wasi_target() {
  if ! rustup target list --installed | grep -qx wasm32-wasip1; then
    log "adding the wasm32-wasip1 target"
    rustup target add wasm32-wasip1
  fi
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
    log "installing trunk $TRUNK_VERSION (about 8 minutes on a cold machine)"
    cargo install trunk --locked --version "$TRUNK_VERSION"
  fi
}

# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock, or the generated glue and the
# wasm disagree. Read the version from the lock file so the two can never drift apart.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_wasm_bindgen() {
  local want; want="$(wasm_bindgen_version)"
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$want"; then
    log "installing wasm-bindgen-cli $want"
    # Without --locked: one of its locked dependencies is missing from the registry mirror.
    cargo install wasm-bindgen-cli --version "$want"
  fi
  if ! grep -q "wasm_bindgen = \"$want\"" "$ROOT/Trunk.toml"; then
    log "Trunk.toml pins a different wasm_bindgen than Cargo.lock ($want): update Trunk.toml"
    exit 1
  fi
}

# binaryen (wasm-opt) and playwright-core come from npm, pinned by package-lock.json.
ensure_node_modules() {
  if [ ! -f "$ROOT/node_modules/.package-lock.json" ] \
     || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    log "installing node packages (binaryen for wasm-opt, playwright-core, axe-core)"
    (cd "$ROOT" && npm ci --no-audit --no-fund)
  fi
  export PATH="$ROOT/node_modules/.bin:$PATH"
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    log "installing Debian's chromium and chromium-driver"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_wasi_target
  ensure_node_modules
  ensure_trunk
  ensure_wasm_bindgen
  export PATH="$HOME/.cargo/bin:$PATH"
  # A RUSTFLAGS from the environment would silently replace .cargo/config.toml's flags.
  unset RUSTFLAGS
}
