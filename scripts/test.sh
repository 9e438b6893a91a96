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

step "tests: unit, integration, then end-to-end (real app, WebDriver, Xvfb)"
# One cargo invocation for all of them, so the workspace is built once with one feature set:
# the end-to-end tests drive the passerelle-app binary this same build makes (tauri's `test`
# feature, on here for the IPC tests' mock runtime, only adds the `tauri::test` module).
# scripts/run.sh builds with exactly these options, so either script reuses the other's build.
xvfb-run -a -s "-screen 0 1280x800x24" cargo test --locked --workspace --exclude passerelle-ui
