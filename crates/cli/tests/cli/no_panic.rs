//! Issue 10, property: whatever a case holds — arbitrary strings and dates in every field, as
//! typed today or as stored by an earlier version — validation, saving, the parcours view,
//! eligibility and the committee dossier PDF never panic.

use crate::common;

use chrono::{NaiveDate, Utc};
use passerelle_domain::case::{
    AbsenceCause, Beneficiary, CaseData, Civility, Consent, ContractKind, Employer, Flag, Flags,
    HeadcountBand, Opco, Project, Situation, WorkingTime,
};
use passerelle_domain::i18n::Label;
use passerelle_domain::parcours::{
    EmployerAnswer, Funder, FundingLine, IntermittentFacts, IntermittentProfile, Modality,
    OpcoScheme, ParcoursFacts, PostponementGround, Training,
};
use proptest::prelude::*;

/// Strings that break naive code: accents, digits typed on an AZERTY keyboard, control
/// characters, emoji, very long runs, and any Unicode at all.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Zéèçà0-9 '’.-]{0,30}",
        2 => any::<String>(),
        1 => "[\\x00-\\x1f\\u{7f}\\u{202f}\\u{feff}]{1,5}",
        1 => "1 85 0[éèçà] 57 463 123 4[0-9]",
        1 => (0usize..5_000).prop_map(|n| "é".repeat(n)),
    ]
}

/// Dates from the first to the last chrono represents, with weight on the plausible ones.
fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        3 => (1900i32..2040, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
        1 => (0i32..100, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
        1 => (-300_000_000i32..300_000_000)
            .prop_filter_map("out of chrono's range", NaiveDate::from_num_days_from_ce_opt),
        1 => prop_oneof![Just(NaiveDate::MIN), Just(NaiveDate::MAX)],
    ]
}

fn one_of<T: Label + std::fmt::Debug>() -> impl Strategy<Value = Option<T>> {
    proptest::option::of(proptest::sample::select(T::ALL))
}

fn flag() -> impl Strategy<Value = Flag> {
    (any::<bool>(), text(), proptest::option::of(date())).prop_map(|(set, proof, proof_date)| {
        Flag {
            set,
            proof,
            proof_date,
        }
    })
}

fn beneficiary() -> impl Strategy<Value = Beneficiary> {
    (
        (
            one_of::<Civility>(),
            text(),
            text(),
            text(),
            proptest::option::of(date()),
        ),
        (
            text(),
            text(),
            text(),
            text(),
            text(),
            prop_oneof![Just("metz".to_owned()), text()],
        ),
        (
            proptest::option::of(any::<u8>()),
            proptest::collection::vec(
                (
                    text(),
                    proptest::option::of(date()),
                    proptest::option::of(date()),
                ),
                0..3,
            ),
        ),
    )
        .prop_map(
            |(
                (civility, birth_name, usage_name, first_names, birth_date),
                (nir, email, phone, postal_code, commune, territory),
                (diploma_level, consents),
            )| Beneficiary {
                civility,
                birth_name,
                usage_name,
                first_names,
                birth_date,
                nir,
                email,
                phone,
                postal_code,
                commune,
                territory,
                diploma_level,
                consents: consents
                    .into_iter()
                    .map(|(purpose, given_on, withdrawn_on)| Consent {
                        purpose,
                        given_on,
                        withdrawn_on,
                    })
                    .collect(),
            },
        )
}

fn situation() -> impl Strategy<Value = Situation> {
    (
        (
            text(),
            text(),
            any::<bool>(),
            text(),
            text(),
            one_of::<HeadcountBand>(),
            one_of::<Opco>(),
        ),
        (
            one_of::<ContractKind>(),
            proptest::option::of(date()),
            proptest::option::of(date()),
            one_of::<WorkingTime>(),
            text(),
            prop_oneof![Just("H2913".to_owned()), text()],
        ),
        (
            proptest::option::of(any::<u16>()),
            proptest::option::of(any::<u16>()),
            (flag(), flag(), flag(), flag()),
        ),
    )
        .prop_map(
            |(
                (name, siret, foreign_identifier, idcc, naf, headcount, opco),
                (contract, contract_start, contract_end, working_time, job_title, job_rome),
                (seniority_months_total, seniority_months_company, flags),
            )| Situation {
                employer: Employer {
                    name,
                    siret,
                    foreign_identifier,
                    idcc,
                    naf,
                    headcount,
                    opco,
                },
                contract,
                contract_start,
                contract_end,
                working_time,
                job_title,
                job_rome,
                seniority_months_total,
                seniority_months_company,
                flags: Flags {
                    metier_fragilise: flags.0,
                    oeth: flags.1,
                    inaptitude: flags.2,
                    long_absence: flags.3,
                    long_absence_cause: None,
                },
                seniority_override_reason: String::new(),
            },
        )
}

fn project() -> impl Strategy<Value = Project> {
    (
        prop_oneof![Just("M1607".to_owned()), text()],
        prop_oneof![Just("RNCP38596".to_owned()), text()],
        (text(), text(), text(), text(), any::<bool>(), text()),
    )
        .prop_map(
            |(
                target_rome,
                target_certification,
                (motive, notes, prospects, zone, demand, opinion),
            )| {
                Project {
                    target_rome,
                    target_certification,
                    motive,
                    notes,
                    employment_prospects: prospects,
                    mobility_zone: zone,
                    target_in_demand: demand,
                    cep_opinion: opinion,
                    rome_change_justification: String::new(),
                    ..Project::default()
                }
            },
        )
}

fn parcours() -> impl Strategy<Value = ParcoursFacts> {
    let d = || proptest::option::of(date());
    (
        (
            text(),
            text(),
            any::<bool>(),
            d(),
            d(),
            proptest::option::of(any::<u32>()),
            one_of::<Modality>(),
            proptest::option::of(any::<i64>()),
            any::<bool>(),
            any::<bool>(),
        ),
        (
            d(),
            one_of::<EmployerAnswer>(),
            d(),
            d(),
            one_of::<OpcoScheme>(),
            d(),
            d(),
            d(),
            d(),
            d(),
        ),
        (
            proptest::option::of(any::<u16>()),
            proptest::option::of(any::<u16>()),
            proptest::option::of(any::<u32>()),
            proptest::option::of(any::<u32>()),
            proptest::option::of(any::<u16>()),
            any::<bool>(),
            proptest::collection::vec(
                (proptest::sample::select(Funder::ALL), any::<i64>(), text()),
                0..4,
            ),
        ),
    )
        .prop_map(|(t, f, e)| ParcoursFacts {
            training: Training {
                title: t.0,
                provider: t.1,
                provider_qualiopi: t.2,
                start: t.3,
                end: t.4,
                hours: t.5,
                modality: t.6,
                cost_cents: t.7,
                during_working_time: t.8,
                part_time: Some(t.9),
                requested_start: None,
            },
            absence_request_received_on: f.0,
            employer_answer: f.1,
            employer_answer_on: f.2,
            dossier_filed_on: f.3,
            opco_scheme: f.4,
            commission_on: f.5,
            refusal_notified_on: f.6,
            recours_filed_on: f.7,
            demission_attested_on: f.8,
            vae_dossier_complete_on: f.9,
            cdd_months_last_12: e.0,
            salaried_months_last_60: e.1,
            interim_hours_last_18_months: e.2,
            interim_hours_in_agency: e.3,
            salaried_days_in_window: e.4,
            job_change_after_dismissal: e.5,
            funding: e
                .6
                .into_iter()
                .map(|(funder, amount_cents, covers)| FundingLine {
                    funder,
                    amount_cents,
                    covers,
                })
                .collect(),
            ..ParcoursFacts::default()
        })
}

/// Dates, two texts, the intermittent facts, an absence cause and a postponement ground.
type Issue11Facts = (
    Vec<Option<NaiveDate>>,
    (String, String),
    IntermittentFacts,
    Option<AbsenceCause>,
    Option<PostponementGround>,
);

/// The facts added by issue 11, set on top of a generated case.
fn issue_11_facts() -> impl Strategy<Value = Issue11Facts> {
    (
        proptest::collection::vec(proptest::option::of(date()), 9),
        (text(), text()),
        (
            one_of::<IntermittentProfile>(),
            proptest::option::of(any::<u16>()),
            proptest::option::of(any::<u16>()),
            proptest::option::of(any::<u16>()),
            any::<bool>(),
        )
            .prop_map(|(profile, total, d24, d12, verified)| IntermittentFacts {
                profile,
                days_total: total,
                days_last_24_months: d24,
                days_last_12_months: d12,
                verified_on_documents: verified,
            }),
        one_of::<AbsenceCause>(),
        one_of::<PostponementGround>(),
    )
}

fn case_data() -> impl Strategy<Value = CaseData> {
    (
        beneficiary(),
        situation(),
        project(),
        parcours(),
        issue_11_facts(),
    )
        .prop_map(
            |(
                beneficiary,
                mut situation,
                mut project,
                mut parcours,
                (dates, texts, intermittent, cause, ground),
            )| {
                let f = &mut parcours;
                f.training.requested_start = dates[0];
                f.demission_contract_end = dates[1];
                f.demission_refusal_notified_on = dates[2];
                f.demission_recours_filed_on = dates[3];
                f.resigned_on = dates[4];
                f.france_travail_registered_on = dates[5];
                f.vae_leave_start = dates[6];
                f.vae_leave_request_received_on = dates[7];
                f.intermittent = intermittent;
                f.postponement_ground = ground;
                situation.flags.long_absence_cause = cause;
                situation.seniority_override_reason = texts.0;
                project.rome_change_justification = texts.1;
                CaseData {
                    beneficiary,
                    situation,
                    project,
                    parcours,
                }
            },
        )
}

/// One generated case through every layer; `Err` is a failed property, a panic fails too.
fn check_one(
    (data, today, at, pseudonymised): (CaseData, NaiveDate, NaiveDate, bool),
) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = common::open(&dir.path().join("p.sqlite3"));
    let real_today = chrono::Local::now().date_naive();
    // As typed: validation at any « today », then, if valid today, a save that succeeds.
    let _ = data.clone().check(today);
    if let Ok((valid, _)) = data.clone().validated(real_today) {
        let saved = passerelle_storage::cases::create(&mut conn, "Agent", &valid, Utc::now());
        prop_assert!(
            saved.is_ok(),
            "what validates today saves: {:?}",
            saved.err()
        );
    } else {
        // As an earlier version may have stored it: written behind the validation.
        let base = CaseData {
            beneficiary: Beneficiary {
                birth_name: "Base".into(),
                first_names: "Cas".into(),
                territory: "metz".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        passerelle_storage::cases::create(&mut conn, "Agent", &base, Utc::now()).unwrap();
        conn.execute(
            "UPDATE case_file SET data = ?1",
            [serde_json::to_string(&data).unwrap()],
        )
        .unwrap();
    }
    let params = passerelle_storage::parcours::parameters(&conn).unwrap();
    let _ = passerelle_domain::parcours::ptp_eligibility(&data, at, &params);
    let _ = passerelle_domain::parcours::demission_eligibility(&data, at, &params);
    let _ = passerelle_storage::parcours::view(&conn, passerelle_domain::case::CaseId(1), today);
    if let Ok(view) = passerelle_storage::committee::dossier::view(
        &conn,
        passerelle_domain::case::CaseId(1),
        pseudonymised,
        None,
        &[],
        today,
    ) {
        let generation = passerelle_pdf::Generation::from_env_or(Utc::now(), "test");
        let pdf = passerelle_pdf::dossier_pdf(&view, &generation);
        prop_assert!(pdf.starts_with(b"%PDF"));
    }
    Ok(())
}

#[test]
fn no_case_makes_validation_saving_views_or_the_pdf_panic() {
    // The strategy's nested combinators need more than a test thread's 2 MiB of stack in a
    // debug build: run the property on a thread of its own.
    let runner = std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(|| {
            let config = ProptestConfig {
                cases: 160,
                failure_persistence: None,
                ..ProptestConfig::default()
            };
            let mut runner = proptest::test_runner::TestRunner::new(config);
            runner
                .run(&(case_data(), date(), date(), any::<bool>()), check_one)
                .map_err(|e| e.to_string())
        })
        .unwrap();
    if let Err(failure) = runner.join().unwrap() {
        panic!("{failure}");
    }
}
