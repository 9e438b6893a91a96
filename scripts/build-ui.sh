#!/usr/bin/env bash
# Builds the Leptos UI to ui/dist (wasm32 + wasm-bindgen + wasm-opt + static files), which the Tauri
# shell embeds at compile time. Files whose content did not change are left untouched, so the
# shell is not rebuilt for nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
DIST="$ROOT/ui/dist"

cd "$ROOT"
cargo build --locked -p passerelle-ui --target wasm32-unknown-unknown --profile wasm-release

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
# Function names (5 MB of the name section) serve only a debugger: dropped.
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
  --out-dir "$staging" \
  "$TARGET_DIR/wasm32-unknown-unknown/wasm-release/passerelle-ui.wasm"

# wasm-opt -Oz: binaryen's size passes on what LLVM left (the features are rustc's defaults for
# wasm32). Most of a minute, so its result is kept per input under the target directory.
WASM_OPT="$ROOT/ui/wasm-opt/node_modules/.bin/wasm-opt"
[ -x "$WASM_OPT" ] || { echo "build-ui: wasm-opt is missing: run scripts/bootstrap.sh" >&2; exit 1; }
wasm="$staging/passerelle-ui_bg.wasm"
cache="$TARGET_DIR/wasm-opt/$(sha256sum "$wasm" | cut -c1-32).wasm"
if [ ! -f "$cache" ]; then
  mkdir -p "$(dirname "$cache")"
  "$WASM_OPT" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$wasm" -o "$cache.partial"
  # One input at a time is kept: the previous outputs are of no further use.
  find "$(dirname "$cache")" -name '*.wasm' -delete
  mv "$cache.partial" "$cache"
fi
cp "$cache" "$wasm"
cp ui/static/* "$staging/"

mkdir -p "$DIST"
for f in "$staging"/*; do
  name="$(basename "$f")"
  cmp -s "$f" "$DIST/$name" || cp "$f" "$DIST/$name"
done
# Drop files that are no longer produced.
for f in "$DIST"/*; do
  [ -e "$staging/$(basename "$f")" ] || rm -f "$f"
done
