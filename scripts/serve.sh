#!/usr/bin/env bash
# Builds the playground (release) and serves it on http://127.0.0.1:8080, rebuilding on change.
# Installs whatever is missing first (see setup.sh); safe to run again.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ensure_build_tools
cd "$ROOT"
log "serving on http://127.0.0.1:8080 (Ctrl-C to stop)"
exec trunk serve --release --address 127.0.0.1 --port 8080
