# Sourced by scripts/package.sh and scripts/package-smoke.sh (with ROOT and TARGET set): the
# workspace's version, and where the Tauri bundler writes the .deb of that version.
version="$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml")"
deb="$TARGET/release/bundle/deb/Passerelle_${version}_amd64.deb"
