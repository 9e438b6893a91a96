#!/usr/bin/env bash
# Installs everything Passerelle needs to build, run and test, on Debian/Ubuntu.
# Idempotent: when everything is there it checks and exits in about a second, printing one line.
# Needs root only when system packages are missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { echo "bootstrap: $*"; }
die() { echo "bootstrap: error: $*" >&2; exit 1; }

# System packages: WebKitGTK 4.1 stack for Tauri, Xvfb + WebKitWebDriver for end-to-end tests,
# poppler-utils + qpdf to check PDFs, DejaVu fonts for the screenshots, ImageMagick to take them,
# the sqlite3 shell for the tests (it must NOT be able to read the encrypted database), perl
# for the OpenSSL that SQLCipher builds from source.
PACKAGES=(
  build-essential perl pkg-config libssl-dev curl file
  libwebkit2gtk-4.1-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev librsvg2-dev libxdo-dev
  xvfb xauth webkit2gtk-driver
  poppler-utils qpdf imagemagick fonts-dejavu-core sqlite3
)

# npm for axe-core (the accessibility audits of the end-to-end tests), unless Node.js is there.
command -v npm >/dev/null 2>&1 || PACKAGES+=(nodejs npm)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
else
  [ -r /etc/os-release ] && . /etc/os-release
  die "this script supports Debian and Ubuntu (apt/dpkg); this system is ${PRETTY_NAME:-unknown}. Install the equivalents of: ${PACKAGES[*]}"
fi

if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || die "missing system packages (${missing[*]}); run as root: sudo $0"
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: is this Debian or Ubuntu?"
  say "installing ${#missing[@]} system packages…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust with rustup (https://rustup.rs), then re-run"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target…"
  rustup target add wasm32-unknown-unknown >/dev/null
fi

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
wbg_version="$(grep -A1 '^name = "wasm-bindgen"$' "$ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"$/\1/p')"
[ -n "$wbg_version" ] || die "no wasm-bindgen in Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wbg_version" ]; then
  say "installing wasm-bindgen-cli $wbg_version (about 3 minutes)…"
  # Not --locked: its lockfile pins a webpki-roots release missing from some registries.
  cargo install --quiet --force wasm-bindgen-cli --version "=$wbg_version"
fi

if ! tauri-driver --help >/dev/null 2>&1; then
  say "installing tauri-driver 2…"
  cargo install --quiet --locked tauri-driver --version "^2"
fi

# axe-core, at the version tests/axe/package-lock.json locks.
if [ ! -f "$ROOT/tests/axe/node_modules/axe-core/axe.min.js" ]; then
  say "installing axe-core (npm)…"
  npm ci --prefix "$ROOT/tests/axe" --no-audit --no-fund --silent
fi

# binaryen's wasm-opt (the UI's last size pass, scripts/build-ui.sh), at the version
# ui/wasm-opt/package-lock.json locks.
if [ ! -x "$ROOT/ui/wasm-opt/node_modules/.bin/wasm-opt" ]; then
  say "installing wasm-opt (binaryen, npm)…"
  npm ci --prefix "$ROOT/ui/wasm-opt" --no-audit --no-fund --silent
fi

say "ready (wasm-bindgen $wbg_version, $(tauri-driver --version 2>/dev/null || echo tauri-driver), $(rustc --version))"
