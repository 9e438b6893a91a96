//! Reading an input file safely: its size, a ZIP's entries, its character set.
//!
//! Limits are the domain's ([`bounds::IMPORT_MAX_BYTES`] per file or entry); a ZIP is read in
//! memory, entry by entry, never extracted to disk (so no entry name can reach outside a
//! directory), with a cap on its entries and on the bytes it expands to — declared sizes are
//! not trusted, the reads are bounded.

use std::io::Read;
use std::path::Path;

use encoding_rs::WINDOWS_1252;
use passerelle_domain::validate::bounds;

use crate::LineError;

/// Entries a ZIP may hold (the France compétences export has 10).
const ZIP_MAX_ENTRIES: usize = 100;
/// Bytes all the entries of a ZIP may expand to, together.
const ZIP_MAX_TOTAL_BYTES: u64 = 4 * bounds::IMPORT_MAX_BYTES;

/// One file to import: a file on disk, standard input, or an entry of a ZIP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// How messages name it: the path, or `archive.zip › entry.csv`.
    pub name: String,
    /// The entry's own file name (for a ZIP entry) or the path's, to recognise export files.
    pub file_name: String,
    pub bytes: Vec<u8>,
}

#[cfg(test)]
impl Input {
    /// A file of the tests, named as it would be on disk.
    pub(crate) fn named(name: &str, bytes: impl Into<Vec<u8>>) -> Input {
        Input {
            name: name.into(),
            file_name: name.into(),
            bytes: bytes.into(),
        }
    }
}

/// Reads `path` (`-`: standard input). A ZIP archive gives one input per file it holds.
pub fn read_path(path: &Path) -> Result<Vec<Input>, LineError> {
    let name = path.display().to_string();
    let fail = |reason: String| LineError {
        file: name.clone(),
        line: 0,
        column: String::new(),
        reason,
    };
    let bytes = if path == Path::new("-") {
        read_bounded(std::io::stdin().lock()).map_err(&fail)?
    } else {
        let meta = std::fs::metadata(path).map_err(|e| fail(io_reason(&e)))?;
        if meta.is_dir() {
            return Err(fail(
                "c’est un dossier : indiquez un fichier (CSV, ou l’archive ZIP téléchargée)".into(),
            ));
        }
        if meta.len() > bounds::IMPORT_MAX_BYTES {
            return Err(fail(too_big(meta.len())));
        }
        let file = std::fs::File::open(path).map_err(|e| fail(io_reason(&e)))?;
        read_bounded(file).map_err(fail)?
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.clone());
    inputs_from_bytes(&name, &file_name, bytes)
}

/// The inputs a file's bytes hold: itself, or each file of a ZIP archive. An XLSX workbook is a
/// ZIP too, but one file: it stays whole.
pub fn inputs_from_bytes(
    name: &str,
    file_name: &str,
    bytes: Vec<u8>,
) -> Result<Vec<Input>, LineError> {
    let workbook = file_name.to_lowercase().ends_with(".xlsx");
    if is_zip(&bytes) && !workbook {
        unzip(name, &bytes)
    } else {
        Ok(vec![Input {
            name: name.to_owned(),
            file_name: file_name.to_owned(),
            bytes,
        }])
    }
}

/// Bytes of a file the user named (an import, a JSON case), refused past the import limit.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, LineError> {
    let mut inputs = read_path(path)?;
    match inputs.len() {
        1 if !is_zip_name(path) => Ok(inputs.remove(0).bytes),
        _ => Err(LineError {
            file: path.display().to_string(),
            line: 0,
            column: String::new(),
            reason: "une archive ZIP n’est pas acceptée ici : indiquez le fichier lui-même".into(),
        }),
    }
}

fn is_zip_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

fn read_bounded(reader: impl Read) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(bounds::IMPORT_MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > bounds::IMPORT_MAX_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_big(len: u64) -> String {
    format!(
        "fichier trop volumineux ({} Mo ; {} Mo au plus) : scindez-le en plusieurs fichiers",
        len.div_ceil(1024 * 1024),
        bounds::IMPORT_MAX_BYTES / (1024 * 1024)
    )
}

fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "fichier introuvable : vérifiez le chemin".into(),
        ErrorKind::PermissionDenied => {
            "lecture refusée : vérifiez les droits sur le fichier".into()
        }
        ErrorKind::IsADirectory => "c’est un dossier : indiquez un fichier".into(),
        ErrorKind::InvalidData => "contenu illisible".into(),
        _ => "lecture impossible (erreur d’entrée-sortie)".into(),
    }
}

fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// The files of a ZIP archive, in memory. Directories and nested archives are skipped; an
/// archive too large, with too many entries or damaged is refused.
fn unzip(name: &str, bytes: &[u8]) -> Result<Vec<Input>, LineError> {
    let fail = |reason: String| LineError {
        file: name.to_owned(),
        line: 0,
        column: String::new(),
        reason,
    };
    let damaged =
        || fail("archive ZIP endommagée ou incomplète : téléchargez-la de nouveau".to_owned());
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| damaged())?;
    if archive.len() > ZIP_MAX_ENTRIES {
        return Err(fail(format!(
            "archive de {} fichiers ; {ZIP_MAX_ENTRIES} au plus",
            archive.len()
        )));
    }
    let mut total = 0u64;
    let mut inputs = Vec::new();
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|_| damaged())?;
        if entry.is_dir() {
            continue;
        }
        // Names are UTF-8 in the France compétences export even without the ZIP's UTF-8 flag
        // (the crate would then read them as CP437): decode the raw bytes.
        let raw = String::from_utf8_lossy(entry.name_raw()).into_owned();
        let file_name = raw.rsplit(['/', '\\']).next().unwrap_or(&raw).to_owned();
        if file_name.is_empty() || file_name.starts_with('.') || raw.starts_with("__MACOSX") {
            continue;
        }
        if entry.size() > bounds::IMPORT_MAX_BYTES {
            return Err(fail(format!("{file_name} : {}", too_big(entry.size()))));
        }
        let mut content = Vec::new();
        entry
            .take(bounds::IMPORT_MAX_BYTES + 1)
            .read_to_end(&mut content)
            .map_err(|_| damaged())?;
        if content.len() as u64 > bounds::IMPORT_MAX_BYTES {
            return Err(fail(format!(
                "{file_name} : {}",
                too_big(content.len() as u64)
            )));
        }
        total += content.len() as u64;
        if total > ZIP_MAX_TOTAL_BYTES {
            return Err(fail(format!(
                "l’archive décompressée dépasse {} Mo : elle n’est pas un export attendu",
                ZIP_MAX_TOTAL_BYTES / (1024 * 1024)
            )));
        }
        inputs.push(Input {
            name: format!("{name} › {file_name}"),
            file_name,
            bytes: content,
        });
    }
    if inputs.is_empty() {
        return Err(fail("archive ZIP vide".into()));
    }
    Ok(inputs)
}

/// Decodes a text file as spreadsheets write it: UTF-8 (with or without BOM), UTF-16 with its
/// BOM (Excel's « Texte Unicode »), or Windows-1252 (Excel's « CSV (séparateur : point-virgule) »
/// on a French Windows). A file that is UTF-8 but for a stray invalid byte is refused with the
/// line and byte offset — silently re-reading it as Windows-1252 would garble every accent.
pub fn decode(input: &Input) -> Result<String, LineError> {
    let fail = |line: u64, reason: String| LineError {
        file: input.name.clone(),
        line,
        column: String::new(),
        reason,
    };
    let bytes = input.bytes.as_slice();
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(body) else {
            return Err(fail(
                0,
                format!(
                    "caractères mal encodés pour un fichier {} ; réenregistrez-le en « CSV UTF-8 »",
                    encoding.name()
                ),
            ));
        };
        return Ok(text.into_owned());
    }
    // UTF-16 without a BOM: every other byte is zero in a French text.
    let sample = &bytes[..bytes.len().min(4096)];
    let zeros = sample.iter().filter(|&&b| b == 0).count();
    if sample.len() >= 8 && zeros * 4 >= sample.len() {
        return Err(fail(
            0,
            "fichier en UTF-16 sans marque d’ordre des octets : dans le tableur, « Enregistrer sous » › « CSV UTF-8 (délimité par des virgules) », puis importez ce fichier".into(),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(err) => {
            let mostly_utf8 = bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii());
            if mostly_utf8 {
                let at = err.valid_up_to();
                let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64;
                Err(fail(
                    line,
                    format!(
                        "octet 0x{:02X} invalide en UTF-8 (octet n° {} du fichier) : le fichier est en UTF-8 mais ce caractère est mal encodé ; corrigez-le, ou réenregistrez le fichier en « CSV UTF-8 »",
                        bytes[at],
                        at + 1
                    ),
                ))
            } else {
                let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
                Ok(text.into_owned())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(bytes: &[u8]) -> Input {
        Input::named("f.csv", bytes)
    }

    #[test]
    fn utf8_with_or_without_bom_and_windows_1252() {
        assert_eq!(decode(&input("Agnès".as_bytes())).unwrap(), "Agnès");
        assert_eq!(decode(&input("\u{feff}Agnès".as_bytes())).unwrap(), "Agnès");
        // « Lefèvre Œuvray ’ € » in Windows-1252.
        assert_eq!(
            decode(&input(b"Lef\xe8vre \x8cuvray \x92 \x80")).unwrap(),
            "Lefèvre Œuvray ’ €"
        );
    }

    #[test]
    fn utf16_with_bom_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "nom;prénom\r\nMüller;Agnès".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(
            decode(&input(&bytes)).unwrap(),
            "nom;prénom\r\nMüller;Agnès"
        );
    }

    #[test]
    fn utf16_without_bom_is_refused_with_the_way_out() {
        let bytes: Vec<u8> = "nom;prenom\r\nMuller;Agnes"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let err = decode(&input(&bytes)).unwrap_err();
        assert!(err.reason.contains("CSV UTF-8"), "{err}");
    }

    #[test]
    fn a_stray_byte_in_a_utf8_file_is_located() {
        let bytes = "nom;prénom\nDupré;Françoise\nMuller;Agn\u{e8}s\n"
            .as_bytes()
            .iter()
            .copied()
            .chain(*b"Klein;J\xe9r\xf4me\n")
            .collect::<Vec<u8>>();
        let err = decode(&input(&bytes)).unwrap_err();
        assert_eq!(err.line, 4);
        assert!(err.reason.contains("0xE9"), "{err}");
        assert!(err.reason.contains("octet n° 52"), "{err}");
    }

    #[test]
    fn a_zip_is_read_in_memory_and_limits_hold() {
        use std::io::Write;
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut buf);
            let options = zip::write::SimpleFileOptions::default();
            zip.add_directory("dossier/", options).unwrap();
            zip.start_file("dossier/../../etc/a.csv", options).unwrap();
            zip.write_all(b"x;y\n1;2\n").unwrap();
            zip.start_file("__MACOSX/._a.csv", options).unwrap();
            zip.write_all(b"junk").unwrap();
            zip.finish().unwrap();
        }
        let inputs = unzip("export.zip", buf.get_ref()).unwrap();
        assert_eq!(inputs.len(), 1);
        assert_eq!(inputs[0].file_name, "a.csv");
        assert_eq!(inputs[0].name, "export.zip › a.csv");
        let workbook = inputs_from_bytes("RH.XLSX", "RH.XLSX", buf.get_ref().clone()).unwrap();
        assert_eq!(workbook.len(), 1, "a workbook is a ZIP, read whole");
        let err = unzip("x.zip", b"PK\x03\x04garbage").unwrap_err();
        assert!(err.reason.contains("endommagée"), "{err}");
    }

    #[test]
    fn missing_files_and_directories_are_explained() {
        let err = read_path(Path::new("/nonexistent/file.csv")).unwrap_err();
        assert!(err.reason.contains("introuvable"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let err = read_path(dir.path()).unwrap_err();
        assert!(err.reason.contains("dossier"), "{err}");
    }
}
