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

log "browser tests"
node --test --test-concurrency=1 tests/e2e/
