#!/usr/bin/env bash
# The whole test suite: set-up, formatting, lints, unit and integration tests, then the
# end-to-end tests in the real window under Xvfb. This is what CI runs (.ci/run).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/bootstrap.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step() { echo; echo "== $* ($(date +%T))"; }

step "UI (wasm32)"
scripts/build-ui.sh

step "format"
# The view! bodies of the UI are formatted by leptosfmt (rustfmt leaves macros alone).
LEPTOSFMT_VERSION=0.1.33
if [ "$(leptosfmt --version 2>/dev/null)" != "leptosfmt $LEPTOSFMT_VERSION" ]; then
  echo "installing leptosfmt $LEPTOSFMT_VERSION…"
  cargo install --quiet --locked leptosfmt --version "=$LEPTOSFMT_VERSION"
fi
leptosfmt --check ui/src
cargo fmt --all -- --check

step "clippy (native, then wasm32 for the UI and the domain)"
cargo clippy --locked --workspace --all-targets -- -D warnings
cargo clippy --locked -p passerelle-ui -p passerelle-domain --target wasm32-unknown-unknown -- -D warnings

step "unit and integration tests"
cargo test --locked --workspace --exclude passerelle-ui --exclude passerelle-tests

step "end-to-end tests (real app, WebDriver, Xvfb)"
# Build the binary exactly as it ships (cargo test above enabled tauri's `test` feature).
cargo build --locked -p passerelle-app
xvfb-run -a -s "-screen 0 1280x800x24" cargo test --locked -p passerelle-tests
