//! Every field validator on arbitrary text: NIR, SIREN, SIRET, dates, phone, e-mail, postal
//! code, ROME and certification codes, bounds. None may panic (issue 10: an accented NIR did).
#![no_main]

use libfuzzer_sys::fuzz_target;
use passerelle_domain::validate::{self, bounds};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(nir) = validate::validate_nir(text) {
        let _ = (nir.value.formatted(), nir.value.birth_year_month(), nir.value.born_abroad());
    }
    let _ = validate::validate_siren(text);
    let _ = validate::validate_siret(text);
    let _ = validate::parse_date_fr(text);
    let _ = validate::normalize_phone(text);
    let _ = validate::validate_email(text);
    let _ = validate::validate_postal_code(text);
    let _ = validate::validate_rome(text);
    let _ = validate::parse_certification_code(text);
    let _ = bounds::check_line("Champ", text, bounds::NAME_MAX);
    let _ = bounds::check_text("Champ", text, bounds::TEXT_MAX);
    let _ = passerelle_domain::territory::validated_label(text);
    let _ = passerelle_domain::case::search_terms(text);
    let _ = passerelle_domain::i18n::parse_euros(text);
    let _ = <passerelle_domain::ipc::DocumentMeta as passerelle_domain::ipc::RawBodyMeta>::from_header(text);
});
