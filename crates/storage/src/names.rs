//! How lists write a person's name, in Rust and in SQL: « COLLIN Aurélie » (usage name first
//! when there is one), the way the case list does.

/// « COLLIN Aurélie » from the birth name, usage name and first names.
pub(crate) fn display_name(birth: &str, usage: &str, first: &str) -> String {
    let surname = if usage.trim().is_empty() {
        birth
    } else {
        usage
    };
    format!("{} {}", surname.trim().to_uppercase(), first.trim())
        .trim()
        .to_owned()
}

/// SQL columns giving (reference, birth name, usage name, first names) of case file `c`.
pub(crate) const NAME_COLUMNS: &str = "c.reference, coalesce(c.data ->> '$.beneficiary.birthName', ''),
     coalesce(c.data ->> '$.beneficiary.usageName', ''), coalesce(c.data ->> '$.beneficiary.firstNames', '')";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usage_name_comes_first_in_capitals() {
        assert_eq!(display_name("Collin", "", "Aurélie"), "COLLIN Aurélie");
        assert_eq!(
            display_name("Collin", "Marchal", "Aurélie"),
            "MARCHAL Aurélie"
        );
    }
}
