//! The territory dashboard, read from the indexes of migration 0014: a territory's (or an
//! EPCI's) diagnostics, needs, case files and certifications, each one grouped query; and the
//! labels of its trades, suggested from that evidence and decided by a coordinator.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::dashboard::{
    CaseOutcome, CertificationCount, EpciFigures, FamilyFigures, MonthCount, OutcomeCount, Scope,
    TerritoryDashboard, TradeRow,
};
use passerelle_domain::diagnostic::Outlook;
use passerelle_domain::parcours::Step;
use passerelle_domain::trade_label::{Evidence, LabelInput, TradeLabel, suggest};
use passerelle_domain::{place, rome};
use rusqlite::{Connection, params};

use crate::error::StorageError;
use crate::tables::trade_label;

/// The column and value that select the scope's rows in `diagnostic` and `hiring_need`.
fn scope_filter(scope: &Scope) -> (&'static str, &str) {
    if scope.epci.trim().is_empty() {
        ("territory", scope.territory.trim())
    } else {
        ("epci", scope.epci.trim())
    }
}

/// The territory whose labels apply to the scope.
fn label_territory(scope: &Scope) -> String {
    if scope.epci.trim().is_empty() {
        scope.territory.trim().to_owned()
    } else {
        place::territory_of_epci(&scope.epci).to_owned()
    }
}

/// The evidence of every trade of the scope, by ROME.
fn evidence_by_rome(
    conn: &Connection,
    scope: &Scope,
) -> Result<BTreeMap<String, Evidence>, StorageError> {
    let (column, value) = scope_filter(scope);
    let mut by_rome: BTreeMap<String, Evidence> = BTreeMap::new();
    let mut lines = conn.prepare_cached(&format!(
        "SELECT l.rome, count(*), sum(l.headcount), sum(l.at_risk),
                sum(l.outlook = 'peril'), sum(l.outlook = 'mutation'), sum(l.outlook = 'devenir')
         FROM diagnostic d JOIN diagnostic_line l ON l.diagnostic_id = d.id
         WHERE d.{column} = ?1 AND d.latest = 1
         GROUP BY l.rome"
    ))?;
    let rows = lines.query_map([value], |r| {
        Ok((
            r.get::<_, String>(0)?,
            [
                r.get::<_, u32>(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ],
        ))
    })?;
    for row in rows {
        let (rome, [n, headcount, at_risk, peril, mutation, devenir]) = row?;
        let e = by_rome.entry(rome).or_default();
        e.diagnostic_lines = n;
        e.headcount = headcount;
        e.at_risk = at_risk;
        e.lines_peril = peril;
        e.lines_mutation = mutation;
        e.lines_devenir = devenir;
    }
    let mut needs = conn.prepare_cached(&format!(
        "SELECT rome, count(*), sum(posts) FROM hiring_need
         WHERE {column} = ?1 AND status = 'ouvert' GROUP BY rome"
    ))?;
    let rows = needs.query_map([value], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, u32>(1)?,
            r.get::<_, u32>(2)?,
        ))
    })?;
    for row in rows {
        let (rome, count, posts) = row?;
        let e = by_rome.entry(rome).or_default();
        e.needs = count;
        e.open_posts = posts;
    }
    for (rome, e) in by_rome.iter_mut() {
        e.transitions = rome::transition_flags(rome);
    }
    Ok(by_rome)
}

/// The evidence of one trade in a territory, as a label would record it.
pub fn evidence(
    conn: &Connection,
    territory: &str,
    rome_code: &str,
) -> Result<Evidence, StorageError> {
    let scope = Scope::new(territory, "");
    Ok(evidence_by_rome(conn, &scope)?
        .remove(rome_code)
        .unwrap_or_else(|| Evidence {
            transitions: rome::transition_flags(rome_code),
            ..Evidence::default()
        }))
}

/// Records a coordinator's label for a trade in a territory: dated `today`, signed by `actor`,
/// with the evidence and the suggestion as they stand.
pub fn save_label(
    conn: &mut Connection,
    actor: &str,
    input: LabelInput,
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<TradeLabel, StorageError> {
    let now = &crate::journal::stamp(at);
    let territory = input.territory.trim().to_owned();
    if territory.is_empty() {
        return Err(StorageError::rule(
            "territory",
            "Territoire : choisissez le territoire du libellé.",
        ));
    }
    let rome_code = passerelle_domain::validate::validate_rome(&input.rome)
        .map_err(|m| StorageError::rule("rome", m))?;
    let tx = conn.transaction()?;
    let evidence = evidence(&tx, &territory, &rome_code)?;
    let suggested = suggest(&evidence).outlook;
    let input = input.validated(suggested)?;
    let signed_by = actor.trim().to_owned();
    let label = TradeLabel {
        rome: input.rome,
        territory,
        outlook: input.outlook,
        decided_on: today,
        signed_by,
        comment: input.comment,
        evidence,
        suggested,
    };
    trade_label::insert(&tx, &label, now)?;
    tx.commit()?;
    Ok(label)
}

fn count_by<T: rusqlite::ToSql>(
    conn: &Connection,
    sql: &str,
    value: T,
) -> Result<Vec<(String, u64)>, StorageError> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map([value], |r| {
            Ok((r.get(0)?, r.get::<_, i64>(1)?.max(0) as u64))
        })?
        .collect::<Result<_, _>>()?)
}

fn one(conn: &Connection, sql: &str, value: &str) -> Result<u64, StorageError> {
    let n: i64 = conn.prepare_cached(sql)?.query_row([value], |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

/// The dashboard of a territory, or of one EPCI when `scope.epci` is set.
pub fn dashboard(conn: &Connection, scope: &Scope) -> Result<TerritoryDashboard, StorageError> {
    let (column, value) = scope_filter(scope);
    let by_epci = column == "epci";
    let scope_label = if by_epci {
        place::epci_name(value).unwrap_or(value).to_owned()
    } else {
        crate::territory::list(conn)?
            .into_iter()
            .find(|t| t.code == value)
            .map_or_else(|| value.to_owned(), |t| t.label)
    };

    let establishments = one(
        conn,
        &format!("SELECT count(*) FROM establishment WHERE {column} = ?1"),
        value,
    )?;
    let diagnosed = one(
        conn,
        &format!("SELECT count(DISTINCT siret) FROM diagnostic WHERE {column} = ?1"),
        value,
    )?;
    let with_needs = one(
        conn,
        &format!(
            "SELECT count(DISTINCT siret) FROM hiring_need WHERE {column} = ?1 AND status = 'ouvert'"
        ),
        value,
    )?;

    // Trades: the evidence of each, the label decided in the territory, else the suggestion.
    let decided: BTreeMap<String, TradeLabel> =
        trade_label::current(conn, &label_territory(scope))?
            .into_iter()
            .map(|l| (l.rome.clone(), l))
            .collect();
    let mut evidence = evidence_by_rome(conn, scope)?;
    for rome_code in decided.keys() {
        evidence
            .entry(rome_code.clone())
            .or_insert_with(|| Evidence {
                transitions: rome::transition_flags(rome_code),
                ..Evidence::default()
            });
    }
    let mut families: BTreeMap<String, FamilyFigures> = BTreeMap::new();
    let mut trades = Vec::with_capacity(evidence.len());
    for (rome_code, e) in evidence {
        let family = rome::family_of(&rome_code).to_owned();
        let f = families
            .entry(family.clone())
            .or_insert_with(|| FamilyFigures {
                label: rome::domain_label(&family).unwrap_or_default().to_owned(),
                family,
                ..FamilyFigures::default()
            });
        f.headcount += u64::from(e.headcount);
        f.at_risk += u64::from(e.at_risk);
        f.open_posts += u64::from(e.open_posts);
        trades.push(TradeRow {
            label: passerelle_domain::validate::rome_label(&rome_code)
                .unwrap_or_default()
                .to_owned(),
            suggestion: suggest(&e),
            decided: decided.get(&rome_code).cloned(),
            evidence: e,
            rome: rome_code,
        });
    }
    // The trades that matter most first: en péril, then en devenir, then the others; within
    // each, the most people concerned first.
    let rank = |o: Outlook| match o {
        Outlook::Peril => 0,
        Outlook::Devenir => 1,
        Outlook::Mutation => 2,
        Outlook::Stable => 3,
    };
    trades.sort_by_key(|t| {
        (
            rank(t.outlook()),
            std::cmp::Reverse(t.evidence.at_risk + t.evidence.open_posts),
            t.rome.clone(),
        )
    });
    let mut families: Vec<FamilyFigures> = families.into_values().collect();
    families.sort_by_key(|f| {
        (
            std::cmp::Reverse(f.at_risk + f.open_posts),
            f.family.clone(),
        )
    });

    // Case files by outcome: a territory's by their territory, an EPCI's by their employer.
    // CROSS JOIN keeps the EPCI's establishments as the outer loop: left to itself the planner
    // may scan every case file and read each one's JSON for its employer (200 ms at 100 000).
    let statuses = if by_epci {
        count_by(
            conn,
            "SELECT c.status, count(*) FROM establishment e
             CROSS JOIN case_file c ON c.employer_siret = e.siret AND c.purged_at IS NULL
             WHERE e.epci = ?1 GROUP BY c.status",
            value,
        )?
    } else {
        count_by(
            conn,
            "SELECT status, count(*) FROM case_file
             WHERE territory = ?1 AND purged_at IS NULL GROUP BY status",
            value,
        )?
    };
    let mut outcomes: BTreeMap<CaseOutcome, u64> = BTreeMap::new();
    let mut cases_opened = 0;
    for (status, n) in statuses {
        cases_opened += n;
        let outcome =
            Step::from_code(&status).map_or(CaseOutcome::EnAccompagnement, CaseOutcome::of);
        *outcomes.entry(outcome).or_default() += n;
    }
    let outcomes = CaseOutcome::ALL
        .into_iter()
        .map(|outcome| OutcomeCount {
            outcome,
            count: outcomes.get(&outcome).copied().unwrap_or_default(),
        })
        .collect();

    let certified_sql = if by_epci {
        "SELECT p.certification_code, count(*) FROM establishment e
         CROSS JOIN case_file c ON c.employer_siret = e.siret AND c.purged_at IS NULL
         CROSS JOIN enrolment n ON n.case_id = c.id
         JOIN enrolment_progress p ON p.enrolment_id = n.id AND p.totales > 0
         WHERE e.epci = ?1 GROUP BY p.certification_code"
    } else {
        "SELECT certification_code, count(*) FROM enrolment_progress
         WHERE territory = ?1 AND totales > 0 GROUP BY certification_code"
    };
    let mut certifications: Vec<CertificationCount> = count_by(conn, certified_sql, value)?
        .into_iter()
        .map(|(code, count)| CertificationCount {
            title: String::new(),
            code,
            count,
        })
        .collect();
    {
        let mut title = conn.prepare_cached("SELECT title FROM certification WHERE code = ?1")?;
        for c in &mut certifications {
            c.title = title.query_row([&c.code], |r| r.get(0)).unwrap_or_default();
        }
    }
    certifications.sort_by_key(|c| (std::cmp::Reverse(c.count), c.code.clone()));

    let diagnostics_by_month = count_by(
        conn,
        &format!(
            "SELECT substr(date, 1, 7), count(*) FROM diagnostic WHERE {column} = ?1
             GROUP BY 1 ORDER BY 1"
        ),
        value,
    )?
    .into_iter()
    .map(|(month, count)| MonthCount { month, count })
    .collect();

    Ok(TerritoryDashboard {
        scope: Scope {
            territory: if by_epci {
                place::territory_of_epci(value).to_owned()
            } else {
                value.to_owned()
            },
            epci: if by_epci {
                value.to_owned()
            } else {
                String::new()
            },
        },
        scope_label,
        establishments,
        diagnosed,
        with_needs,
        families,
        trades,
        cases_opened,
        outcomes,
        certifications,
        diagnostics_by_month,
        epcis: epci_figures(conn)?,
    })
}

/// Every Grand Est EPCI's figures, for the map: three grouped reads over the whole region.
fn epci_figures(conn: &Connection) -> Result<Vec<EpciFigures>, StorageError> {
    let mut figures: BTreeMap<String, EpciFigures> = passerelle_domain::map::grand_est()
        .epcis
        .iter()
        .map(|e| {
            (
                e.siren.clone(),
                EpciFigures {
                    siren: e.siren.clone(),
                    name: e.name.clone(),
                    territory: place::territory_of_epci(&e.siren).to_owned(),
                    ..EpciFigures::default()
                },
            )
        })
        .collect();
    let grouped = |sql: &str| -> Result<Vec<(String, u64)>, StorageError> {
        Ok(conn
            .prepare_cached(sql)?
            .query_map(params![], |r| {
                Ok((r.get(0)?, r.get::<_, i64>(1)?.max(0) as u64))
            })?
            .collect::<Result<_, _>>()?)
    };
    for (epci, n) in grouped("SELECT epci, count(*) FROM establishment GROUP BY epci")? {
        if let Some(f) = figures.get_mut(&epci) {
            f.establishments = n;
        }
    }
    for (epci, n) in grouped(
        "SELECT d.epci, sum(l.at_risk) FROM diagnostic d
         JOIN diagnostic_line l ON l.diagnostic_id = d.id WHERE d.latest = 1 GROUP BY d.epci",
    )? {
        if let Some(f) = figures.get_mut(&epci) {
            f.at_risk = n;
        }
    }
    for (epci, n) in
        grouped("SELECT epci, sum(posts) FROM hiring_need WHERE status = 'ouvert' GROUP BY epci")?
    {
        if let Some(f) = figures.get_mut(&epci) {
            f.open_posts = n;
        }
    }
    let mut figures: Vec<EpciFigures> = figures.into_values().collect();
    figures.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(figures)
}

/// The dashboard's tables for an export, small counts suppressed under the
/// `export_small_count_threshold` parameter in force `today`; with the threshold and a line
/// saying what the tables are (scope, date, threshold).
pub fn export_tables(
    conn: &Connection,
    scope: &Scope,
    today: NaiveDate,
) -> Result<(Vec<passerelle_domain::dashboard::Table>, u32, String), StorageError> {
    let d = dashboard(conn, scope)?;
    let threshold = crate::tables::parameter::load(conn)?
        .value(
            passerelle_domain::params::key::EXPORT_SMALL_COUNT_THRESHOLD,
            today,
        )
        .unwrap_or(5.0)
        .max(1.0) as u32;
    let source = format!(
        "{} — Passerelle, {} — effectifs inférieurs à {threshold} masqués (« < {threshold} »)",
        d.scope_label,
        passerelle_domain::i18n::format_date(today)
    );
    Ok((
        passerelle_domain::dashboard::export_tables(&d, threshold),
        threshold,
        source,
    ))
}
