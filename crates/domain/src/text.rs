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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_french_accents_and_ligatures() {
        assert_eq!(fold_for_sort("Dupré Françoise"), "DUPRE FRANCOISE");
        assert_eq!(fold_for_sort("Œuvray Zoé"), "OEUVRAY ZOE");
        assert_eq!(fold_for_sort("Müller-Hébert"), "MULLER-HEBERT");
    }
}
