//! Text helpers shared by sorting, search and the reference files.

/// Upper case without accents: « Dupré » → « DUPRE », « Œuvray » → « OEUVRAY ». Used for sort
/// keys so that « Émile » sorts with the E's.
pub fn fold_for_sort(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' | 'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' => {
                out.push('A');
            }
            'ç' | 'Ç' => out.push('C'),
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => out.push('E'),
            'î' | 'ï' | 'í' | 'ì' | 'Î' | 'Ï' | 'Í' | 'Ì' => out.push('I'),
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' => out.push('O'),
            'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => out.push('U'),
            'ÿ' | 'ý' | 'Ÿ' | 'Ý' => out.push('Y'),
            'ñ' | 'Ñ' => out.push('N'),
            'œ' | 'Œ' => out.push_str("OE"),
            'æ' | 'Æ' => out.push_str("AE"),
            c => out.extend(c.to_uppercase()),
        }
    }
    out
}

/// Splits one line of the reference CSV files shipped in `assets/` (comma-separated, labels
/// with commas in double quotes), quotes removed.
pub fn reference_fields(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                out.push(line[start..i].trim_matches('"'));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(line[start..].trim_matches('"'));
    out
}

/// `label` cut to at most `chars` characters, ending with « … » when it was longer (chart
/// labels: the full text stays in the tooltip and the table twin).
pub fn shortened(label: &str, chars: usize) -> String {
    if label.chars().count() <= chars {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(chars.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(shortened("Chimie et pharmacie", 25), "Chimie et pharmacie");
        assert_eq!(
            shortened("Electronique et électricité", 14),
            "Electronique…"
        );
        assert_eq!(shortened("é", 0), "…");
    }

    #[test]
    fn folds_french_accents_and_ligatures() {
        assert_eq!(fold_for_sort("Dupré Françoise"), "DUPRE FRANCOISE");
        assert_eq!(fold_for_sort("Œuvray Zoé"), "OEUVRAY ZOE");
        assert_eq!(fold_for_sort("Müller-Hébert"), "MULLER-HEBERT");
    }
}
