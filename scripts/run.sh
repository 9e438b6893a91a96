#!/usr/bin/env bash
# Sets everything up, builds and launches the desktop app on a local DEMO database
# (.demo/passerelle.sqlite3 in the checkout: fictional people, Grand Est communes, real ROME
# codes), protected by the demo passphrase printed below. PASSERELLE_DB=/path/file.sqlite3
# opens another database instead (the app then asks for its passphrase, or sets one up on first
# launch). Extra arguments go to the app.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/bootstrap.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
scripts/build-ui.sh
# The same build as scripts/test.sh's (same command, same features): running one after the other
# rebuilds nothing. It also builds the test binaries, a minute more on a first run.
cargo test --locked --workspace --exclude passerelle-ui --no-run
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
cli="$TARGET_DIR/debug/passerelle"

if [ -z "${PASSERELLE_DB:-}" ]; then
  DEMO_PASSPHRASE="démonstration de Passerelle en Grand Est"  # passerelle_demo::DEMO_PASSPHRASE
  export PASSERELLE_DB="$ROOT/.demo/passerelle.sqlite3"
  mkdir -p "$ROOT/.demo"
  chmod 700 "$ROOT/.demo"
  if [ ! -e "$PASSERELLE_DB" ]; then
    # The passphrase reaches the CLI through a private file, never as an argument.
    passfile="$(mktemp "$ROOT/.demo/.phrase.XXXXXX")"
    trap 'rm -f "$passfile"' EXIT
    printf '%s\n' "$DEMO_PASSPHRASE" > "$passfile"
    PASSERELLE_PASSPHRASE_FILE="$passfile" "$cli" demo --cases 300
    PASSERELLE_PASSPHRASE_FILE="$passfile" "$cli" info
    rm -f "$passfile"
  fi
  echo
  echo "Base de démonstration : $PASSERELLE_DB"
  echo "Phrase de passe de démonstration : « $DEMO_PASSPHRASE »"
  echo
fi
exec "$TARGET_DIR/debug/passerelle-app" "$@"
