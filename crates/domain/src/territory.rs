//! Territories a case file is attached to: a label the user types and the code derived from it.

use crate::error::AppError;
use crate::text::fold_for_sort;
use crate::validate::bounds;

/// `Pays de Sarrebourg` → `pays-de-sarrebourg`: lower-case ASCII letters and digits joined by
/// single hyphens.
pub fn code_for(label: &str) -> String {
    let folded = fold_for_sort(label).to_lowercase();
    let mut code = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            code.push(c);
        } else if !code.ends_with('-') && !code.is_empty() {
            code.push('-');
        }
    }
    code.trim_end_matches('-').to_owned()
}

/// A new territory's label, trimmed, with its code; refused when it is blank, has no letter or
/// digit to make a code from, or is too long.
pub fn validated_label(label: &str) -> Result<(String, String), AppError> {
    let label = label.trim();
    if let Err(m) = bounds::check_line("Nom du territoire", label, bounds::NAME_MAX) {
        return Err(AppError::invalid("label", m));
    }
    let code = code_for(label);
    if code.is_empty() {
        return Err(AppError::invalid(
            "label",
            "Nom du territoire : saisissez un nom (lettres ou chiffres), ex. « Pays de Sarrebourg ».",
        ));
    }
    Ok((label.to_owned(), code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_folded_and_hyphenated() {
        assert_eq!(code_for("Pays de Sarrebourg"), "pays-de-sarrebourg");
        assert_eq!(code_for("  Nord-Est  Ardennes !"), "nord-est-ardennes");
        assert_eq!(code_for("Metz — Métropole"), "metz-metropole");
    }

    #[test]
    fn blank_or_symbol_only_labels_are_refused() {
        for bad in ["", "   ", "—", "!!!", "a\u{0}b"] {
            assert!(validated_label(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            validated_label(" Warndt ").unwrap(),
            ("Warndt".to_owned(), "warndt".to_owned())
        );
    }
}
