#!/usr/bin/env bash
# Builds Passerelle's Debian package with the Tauri bundler: the desktop app (desktop entry,
# icon) and the `passerelle` command line, release builds. Prints the package's path and size.
#
#   scripts/package.sh            → $CARGO_TARGET_DIR/release/bundle/deb/Passerelle_<version>_amd64.deb
#
# The Tauri CLI comes from npm at the version packaging/package-lock.json locks. The bundler
# wants its configuration beside the app's Cargo.toml (src-tauri/); ours lives at the root of
# the repository, so a copy with the packaging settings is written to src-tauri/ for the
# duration of the build (ignored by git, removed on exit): tauri.conf.json stays the one source.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/bootstrap.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
export CARGO_TARGET_DIR="$TARGET"

step() { echo; echo "== $* ($(date +%T))"; }

# The version is the workspace's; tauri.conf.json must say the same (the window's « À propos »
# and the package name both come from it).
. scripts/package-paths.sh
conf_version="$(node -p 'require("./tauri.conf.json").version')"
if [ "$version" != "$conf_version" ]; then
  echo "package: tauri.conf.json says version $conf_version, the workspace $version: make them equal" >&2
  exit 1
fi

if [ ! -x packaging/node_modules/.bin/tauri ]; then
  step "Tauri CLI (npm, locked)"
  npm ci --prefix packaging --no-audit --no-fund --silent
fi

step "UI (wasm32)"
scripts/build-ui.sh

generated="src-tauri/tauri.conf.json"
trap 'rm -f "$ROOT/$generated"' EXIT
CLI_BINARY="$TARGET/release/passerelle" VERSION="$version" node - <<'EOF' > "$generated"
// The root configuration, with paths seen from src-tauri/ and what only the package needs.
const conf = require("./tauri.conf.json");
conf.version = process.env.VERSION;
conf.build.frontendDist = "../" + conf.build.frontendDist;
conf.bundle = {
  ...conf.bundle,
  active: true,
  targets: ["deb"],
  icon: conf.bundle.icon.map((p) => "../" + p),
  publisher: "Passerelle",
  license: "EUPL-1.2",
  longDescription:
    "Dossiers individuels, parcours de transition professionnelle (CEP, Transitions Pro, OPCO), " +
    "dossiers de comité en PDF, certifications et territoires. Données chiffrées, hors ligne.",
  linux: {
    deb: {
      section: "misc",
      // The command line beside the app, for scripts and imports.
      files: { "/usr/bin/passerelle": process.env.CLI_BINARY },
    },
  },
};
process.stdout.write(JSON.stringify(conf, null, 2) + "\n");
EOF

step "app and command line (release), and the .deb (Tauri bundler)"
# `--ci`: no prompt; the arguments after `--` go to cargo. The command line is built in the same
# cargo run as the app: one feature resolution, so the dependencies they share are built once
# (two runs rebuilt most of them, a quarter of an hour).
TAURI_APP_PATH="$ROOT/src-tauri" packaging/node_modules/.bin/tauri build --ci --bundles deb -- \
  --locked -p passerelle-app -p passerelle-cli

[ -f "$deb" ] || { echo "package: $deb was not made" >&2; exit 1; }
echo
echo "package: $deb ($(du -h "$deb" | cut -f1), $(stat -c %s "$deb") octets)"
