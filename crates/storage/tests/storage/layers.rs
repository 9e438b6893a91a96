//! The storage crate's layering, checked from its sources: a module may use only modules of a
//! lower layer, so the crate has no dependency cycle and a table never reaches up into a use
//! case. Within a layer, modules ignore each other (every table is its own island).
//!
//! The layers are drawn in `docs/ARCHITECTURE.md`; a new module must be placed here, or the
//! test fails and says so.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Bottom up. A module is named by its path in the crate (`tables::case_file`); an entry names
/// a module and everything under it (`tables` covers each table, each in the layer alone).
const LAYERS: &[&[&str]] = &[
    &["error"],
    &["codes", "names", "files", "paths", "log_file", "migrations"],
    &["keys"],
    &["sealing"],
    &["journal", "documents"],
    &["tables"],
    &[
        "derived",
        "todo",
        "integrity",
        "certification::history",
        "certification::staff",
        "committee::meetings",
        "rome",
        "training",
    ],
    &[
        "cases",
        "records",
        "protect",
        "backup",
        "retention",
        "establishments",
    ],
    &["parcours", "diagnostics", "needs", "dashboard", "calendar"],
    &["certification::enrolments", "committee::decisions"],
    &["matching"],
    &[
        "certification::exams",
        "certification::vae",
        "committee::dossier",
        "access",
    ],
];

/// The layer of a module path, by its longest listed prefix.
fn layer(module: &str) -> Option<(usize, &'static str)> {
    LAYERS
        .iter()
        .enumerate()
        .flat_map(|(i, names)| names.iter().map(move |n| (i, *n)))
        .filter(|(_, n)| module == *n || module.starts_with(&format!("{n}::")))
        .max_by_key(|(_, n)| n.len())
}

/// The module a source file defines (`src/tables/case_file.rs` → `tables::case_file`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without comments or its `#[cfg(test)]` module (tests may use anything).
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every module path a file refers to with `crate::…` or `super::…`, braces expanded one level.
fn references(module: &str, code: &str) -> BTreeSet<String> {
    let parent: Vec<&str> = module.split("::").collect();
    let parent = parent[..parent.len().saturating_sub(1)].join("::");
    let mut out = BTreeSet::new();
    for (anchor, base) in [("crate::", String::new()), ("super::", parent)] {
        let mut rest = code;
        while let Some(at) = rest.find(anchor) {
            let before = rest[..at].chars().last();
            rest = &rest[at + anchor.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let path: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let prefix = path.as_str();
            let mut names: Vec<String> = Vec::new();
            if rest[path.len()..].starts_with('{') {
                let group = &rest[path.len() + 1..];
                let group = &group[..group.find('}').unwrap_or(group.len())];
                for item in group.split(',') {
                    let item = item.trim().split(" as ").next().unwrap_or("").trim();
                    let head = item.split("::").next().unwrap_or("");
                    if !head.is_empty() && head != "self" {
                        names.push(format!("{prefix}{head}"));
                    } else if head == "self" {
                        names.push(prefix.trim_end_matches("::").to_owned());
                    }
                }
            } else {
                names.push(path.trim_end_matches("::").to_owned());
            }
            for name in names {
                let full = if base.is_empty() {
                    name
                } else {
                    format!("{base}::{name}")
                };
                out.insert(full);
            }
        }
    }
    out
}

#[test]
fn no_module_uses_a_module_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut faults = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == "lib" {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        let Some((own, _)) = layer(&module) else {
            // A folder's mod.rs only declares its children.
            if code.contains("crate::") || code.contains("super::") {
                faults.push(format!(
                    "{module}: not placed in a layer of tests/storage/layers.rs"
                ));
            }
            continue;
        };
        for target in references(&module, &code) {
            // Within the module itself (a table's own items), or a crate-root item (`today_for`).
            if target == module || target.starts_with(&format!("{module}::")) {
                continue;
            }
            let Some((theirs, _)) = layer(&target) else {
                continue;
            };
            if theirs >= own {
                faults.push(format!(
                    "{module} (layer {own}) uses {target} (layer {theirs})"
                ));
            }
        }
    }
    assert!(faults.is_empty(), "layering broken:\n{}", faults.join("\n"));
}

#[test]
fn the_checker_sees_an_upward_use() {
    let refs = references(
        "tables::case_file",
        "use crate::cases;\nuse crate::tables::{document, parameter::load};\nuse super::meeting;",
    );
    let want: BTreeSet<String> = [
        "cases",
        "tables::document",
        "tables::parameter",
        "tables::meeting",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(refs, want);
    assert_eq!(layer("tables::case_file").unwrap().0, 5);
    assert!(layer("cases").unwrap().0 > layer("tables::case_file").unwrap().0);
}
