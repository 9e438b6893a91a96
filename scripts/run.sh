#!/usr/bin/env bash
# Sets everything up, builds and launches the desktop app on its database in the platform data
# directory ($XDG_DATA_HOME/fr.passerelle.desktop/passerelle.sqlite3 on Linux).
# PASSERELLE_DB=/path/file.sqlite3 opens another database. Extra arguments go to the app.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/bootstrap.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
scripts/build-ui.sh
cargo build --locked -p passerelle-app -p passerelle-cli
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
"$TARGET_DIR/debug/passerelle" info
exec "$TARGET_DIR/debug/passerelle-app" "$@"
