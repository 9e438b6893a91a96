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
cli="$TARGET_DIR/debug/passerelle"
# An empty database gets realistic demo data once (fictional people, Grand Est communes, real
# ROME codes); a database that holds case files is never touched.
db="$("$cli" info --json | sed -n 's/.*"databasePath": "\(.*\)".*/\1/p')"
cases="$("$cli" info --json | sed -n 's/.*"caseCount": \([0-9]*\).*/\1/p')"
marker="$(dirname "$db")/.demo-seeded"
if [ "$cases" = "0" ] && [ ! -e "$marker" ]; then
  "$cli" demo --cases 300
  touch "$marker"
fi
"$cli" info
exec "$TARGET_DIR/debug/passerelle-app" "$@"
