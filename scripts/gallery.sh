#!/usr/bin/env bash
# Draws the pictures of docs/GALLERY.md: every lab in English and Hebrew, on a phone and on a
# projector, from a fresh release build (about 5 minutes after the build). Installs whatever is
# missing first (see setup.sh); safe to run again.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ensure_build_tools
ensure_chromium
cd "$ROOT"
trunk build --release
node --test --test-concurrency=1 tests/gallery/
