#!/usr/bin/env bash
# Installs the .deb that scripts/package.sh made, as IT staff would (dpkg -i), and checks it:
# the files it installs, the command line, the installed app driven end to end under Xvfb
# (tests/e2e/installed.rs), then that removing and reinstalling it keeps a user's data. Leaves
# the machine without the package. As root, on a test machine (CI runs it after the suite).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
export CARGO_TARGET_DIR="$TARGET"
. scripts/package-paths.sh
[ -f "$deb" ] || { echo "package-smoke: $deb is missing: run scripts/package.sh" >&2; exit 1; }
name="$(dpkg-deb -f "$deb" Package)"

step() { echo; echo "== $* ($(date +%T))"; }
fail() { echo "package-smoke: $*" >&2; exit 1; }
work="$(mktemp -d)"
trap 'dpkg -r "$name" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

step "install $(basename "$deb") ($(stat -c %s "$deb") octets)"
dpkg -i "$deb"
for f in /usr/bin/passerelle-app /usr/bin/passerelle; do
  [ -x "$f" ] || fail "$f is not installed"
done
desktop="$(dpkg -L "$name" | grep '^/usr/share/applications/.*\.desktop$')" \
  || fail "no desktop entry installed"
grep -q '^Exec=passerelle-app' "$desktop" || fail "$desktop does not start passerelle-app"
grep -q '^Name=Passerelle' "$desktop" || fail "$desktop is not named Passerelle"
dpkg -L "$name" | grep -q '^/usr/share/icons/hicolor/.*/apps/passerelle-app\.png$' \
  || fail "no icon installed"
/usr/bin/passerelle --version | grep -qF "$version" || fail "passerelle --version is not $version"

step "the installed app, end to end (Xvfb)"
PASSERELLE_APP_BIN=/usr/bin/passerelle-app xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test --locked --workspace --exclude passerelle-ui --test e2e -- --ignored installed::

step "removing and reinstalling keeps the data"
# A user's data lives in their home (~/.local/share/fr.passerelle.desktop/), never under a path
# the package owns: dpkg neither replaces nor removes it.
echo "le merle chante sur le toit de Sarrebourg" > "$work/phrase"
cli() {
  XDG_DATA_HOME="$work/home" PASSERELLE_PASSPHRASE_FILE="$work/phrase" PASSERELLE_KDF=test \
    /usr/bin/passerelle "$@"
}
cli demo --cases 12 >/dev/null
db="$work/home/fr.passerelle.desktop/passerelle.sqlite3"
[ -f "$db" ] || fail "the CLI did not create $db"
before="$(cli info | grep '^Dossiers')"
dpkg -r "$name"
[ ! -e /usr/bin/passerelle-app ] || fail "dpkg -r left /usr/bin/passerelle-app"
[ -f "$db" ] || fail "removing the package removed the data"
dpkg -i "$deb" >/dev/null
after="$(cli info | grep '^Dossiers')"
[ "$after" = "$before" ] || fail "the data did not survive: « $before » then « $after »"
echo "$after"
echo "package-smoke: ok ($name $version)"
