#!/usr/bin/env bash
# Builds the playground (release) and serves it on http://127.0.0.1:8080, rebuilding on change.
# Installs whatever is missing first (see setup.sh); safe to run again.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ensure_build_tools
cd "$ROOT"
log "serving on http://127.0.0.1:8080 (Ctrl-C to stop)"
# Rebuilt on every change; reload the page to see it. (No auto-reload: Trunk's would be an
# inline script, which the page's Content-Security-Policy refuses, and scripts/hash-bundles.mjs
# stops any build whose page has one.)
exec trunk serve --release --address 127.0.0.1 --port 8080 --no-autoreload
