//! Pseudonyms and redaction for the dossiers that circulate outside the app.

use sha2::{Digest, Sha256};

use crate::case::CaseId;

/// Letters and digits that cannot be misread for one another (no 0/O, 1/I/L).
const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// A pseudonym such as `D-7K3Q9`, stable for one `salt` (a committee meeting's secret) and one
/// case, unlinkable across meetings without the salt.
pub fn pseudonym(salt: &[u8], case_id: CaseId) -> String {
    let mut hasher = Sha256::new();
    hasher.update(salt);
    hasher.update(case_id.0.to_be_bytes());
    let digest = hasher.finalize();
    let code: String = digest
        .iter()
        .take(5)
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    format!("D-{code}")
}

/// Function words of company names and places (« Cristallerie des Vosges ») that must not be
/// taken for a name.
const STOP_WORDS: [&str; 14] = [
    "les", "des", "aux", "sur", "sous", "chez", "pour", "par", "avec", "une", "et", "sas", "sarl",
    "ets",
];

/// Replaces, in free text, every word equal to one of `names` (any length, ignoring case and
/// accents — « Sahin » for « Şahin », « Lukasz » for « Łukasz »), a capitalised word after a
/// civility or a kinship word (« son mari Karim »), e-mail addresses and long digit runs
/// (phone, NIR) by « […] ». Counsellors' notes often name the person; a pseudonymised dossier
/// must not.
pub fn redact(text: &str, names: &[&str]) -> String {
    redact_with(text, names, &[])
}

/// [`redact`] with `others`: words of the employer's name, the commune… redacted too, but only
/// from three letters and never a function word (« de » in « Cristallerie de Sarrebourg »),
/// where a person's name is redacted whatever its length (« Ly », « Le »).
pub fn redact_with(text: &str, names: &[&str], others: &[&str]) -> String {
    use super::disclosure::{capitalised, fold_full, introduces_name};
    let fold = |w: &str| fold_full(w);
    let words_of = |list: &[&str]| -> Vec<String> {
        list.iter()
            .flat_map(|n| n.split(|c: char| !c.is_alphanumeric()))
            .map(fold)
            .collect()
    };
    let mut needles: Vec<String> = words_of(names)
        .into_iter()
        .filter(|w| w.chars().count() >= 2)
        .collect();
    needles.extend(
        words_of(others)
            .into_iter()
            .filter(|w| w.chars().count() >= 3 && !STOP_WORDS.iter().any(|s| fold(s) == *w)),
    );
    let mut after_relation = false;
    // Words first: names and e-mail addresses.
    let mut words = String::with_capacity(text.len());
    let mut word = String::new();
    let mut flush = |word: &mut String, out: &mut String| {
        if word.is_empty() {
            return;
        }
        // A word may end with the sentence's full stop: test it without.
        let core = word.trim_end_matches('.');
        let trail = &word[core.len()..];
        let named = !core.is_empty()
            && (needles.contains(&fold(core)) || (after_relation && capitalised(core)));
        if core.contains('@') || named {
            out.push_str("[…]");
            out.push_str(trail);
        } else {
            out.push_str(word);
        }
        after_relation = introduces_name(core);
        word.clear();
    };
    for c in text.chars() {
        let in_address = word.contains('@') && matches!(c, '.' | '-');
        if c.is_alphanumeric() || matches!(c, '@' | '_' | '+') || in_address {
            word.push(c);
        } else if c == '.' && !word.is_empty() && !word.contains('@') {
            // `prenom.nom@…`: keep the dot inside the word while an address may follow.
            word.push(c);
        } else {
            flush(&mut word, &mut words);
            words.push(c);
        }
    }
    flush(&mut word, &mut words);
    // Then long digit runs, spaced or dotted (06 12 34 56 78, a NIR): six digits or more.
    redact_digit_runs(&words)
}

fn redact_digit_runs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let is_sep = |c: char| matches!(c, ' ' | '.' | '-' | '\u{A0}' | '\u{202F}');
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // Extend the run over digits and single separators between digits.
        let mut end = i;
        let mut digits = 0;
        while end < chars.len() {
            if chars[end].is_ascii_digit() {
                digits += 1;
                end += 1;
            } else if is_sep(chars[end]) && chars.get(end + 1).is_some_and(char::is_ascii_digit) {
                end += 1;
            } else {
                break;
            }
        }
        // A grouped amount (`1 200`, `12 500`) has 3-digit groups and stays; a phone or NIR
        // has more digits than any amount the notes mention.
        if digits >= 8 {
            out.push_str("[…]");
        } else {
            out.extend(&chars[i..end]);
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_folded_names_and_relatives_are_redacted() {
        let out = redact(
            "Mme Ly, née Şahin (Sahin sur sa carte), vit avec son mari Karim ; M. Nowak la soutient. Łukasz aussi : Lukasz.",
            &["Ly", "Şahin", "Łukasz"],
        );
        for gone in ["Ly", "Sahin", "Şahin", "Karim", "Nowak", "Łukasz", "Lukasz"] {
            assert!(
                !out.split(|c: char| !c.is_alphanumeric()).any(|w| w == gone),
                "« {gone} » left in {out}"
            );
        }
        assert!(out.starts_with("Mme […], née […]"), "{out}");
        assert!(out.contains("vit avec son mari […]"), "{out}");
        // Ordinary words are left alone, capitalised or not.
        assert_eq!(redact("Lyon et la Ba", &["Ly", "Ba"]), "Lyon et la […]");
        // A short function word of the employer's name stays; a person called « Le » does not.
        assert_eq!(
            redact_with(
                "Mme Le, de la Cristallerie de Sarrebourg",
                &["Le"],
                &["Cristallerie de Sarrebourg"]
            ),
            "Mme […], de la […] de […]"
        );
    }

    #[test]
    fn a_pseudonym_is_stable_for_a_salt_and_differs_across_salts() {
        let a = pseudonym(b"meeting-1", crate::ids::CaseId(42));
        assert_eq!(a, pseudonym(b"meeting-1", crate::ids::CaseId(42)));
        assert_ne!(a, pseudonym(b"meeting-2", crate::ids::CaseId(42)));
        assert_ne!(a, pseudonym(b"meeting-1", crate::ids::CaseId(43)));
        assert!(a.starts_with("D-") && a.len() == 7, "{a}");
    }

    #[test]
    fn names_contacts_and_numbers_are_redacted_from_notes() {
        let notes = "Mme Élodie HÉBERT (elodie.hebert@mail.fr, 06 12 34 56 78) souhaite devenir aide-soignante ; NIR 2 84 05 57 463 004 64.";
        let out = redact(notes, &["Élodie", "Hébert"]);
        assert!(
            !out.to_lowercase().contains("hebert") && !out.contains("HÉBERT"),
            "{out}"
        );
        assert!(!out.contains("Élodie"), "{out}");
        assert!(!out.contains('@'), "{out}");
        assert!(!out.contains("56 78"), "{out}");
        assert!(!out.contains("463"), "{out}");
        assert!(out.contains("souhaite devenir aide-soignante"), "{out}");
    }

    #[test]
    fn short_numbers_and_ordinary_words_are_kept() {
        let out = redact("Formation de 1 200 h en 2026, 3 blocs.", &["Martin"]);
        assert_eq!(out, "Formation de 1 200 h en 2026, 3 blocs.");
    }
}
