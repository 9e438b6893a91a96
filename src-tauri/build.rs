fn main() {
    // The one tauri.conf.json lives at the workspace root (tauri-build reads its directory).
    println!("cargo:rerun-if-changed=../tauri.conf.json");
    // Declaring the app's commands puts them under the permission system: a window may call a
    // command only if a capability grants `allow-<command>` (capabilities/default.json).
    let manifest = tauri_build::AppManifest::new().commands(passerelle_domain::ipc::command::ALL);
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .config_path("../tauri.conf.json")
            .app_manifest(manifest),
    )
    .expect("failed to run tauri-build");
}
