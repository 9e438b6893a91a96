//! The counsellor's calendar: the deadlines of the cases followed (overdue and coming) and the
//! committee sittings ahead, as events named by case reference — never by the person.

use chrono::NaiveDate;
use passerelle_domain::calendar::CalendarEvent;
use passerelle_domain::code::code_of;
use passerelle_domain::committee::CommitteeKind;
use passerelle_domain::i18n::Label;
use passerelle_domain::parcours::TodoFilter;
use passerelle_domain::validate::bounds::{clamp_horizon, days_after};
use rusqlite::{Connection, params};

use crate::error::StorageError;

/// The events of the next `days` days (overdue deadlines too, on their date), by date.
pub fn events(
    conn: &Connection,
    today: NaiveDate,
    days: u32,
    filter: &TodoFilter,
) -> Result<Vec<CalendarEvent>, StorageError> {
    let todo = crate::todo::overview(conn, today, days, 60, filter)?;
    let mut events: Vec<CalendarEvent> = todo
        .overdue
        .iter()
        .map(|i| (i, true))
        .chain(todo.upcoming.iter().map(|i| (i, false)))
        .map(|(i, late)| CalendarEvent {
            uid: format!("{}-{}-{}@passerelle", i.reference, code_of(i.kind), i.due),
            date: i.due,
            summary: format!("{} — {}", i.label, i.reference),
            description: format!(
                "Dossier {} : {}{}",
                i.reference,
                i.label,
                if late { " (échéance dépassée)" } else { "" }
            ),
            category: "Échéance",
        })
        .collect();
    let horizon = days_after(today, clamp_horizon(days));
    let mut sittings = conn.prepare(
        "SELECT id, kind, held_on, place FROM committee_session
         WHERE held_on >= ?1 AND held_on <= ?2 ORDER BY held_on, id",
    )?;
    let rows = sittings.query_map(params![today.to_string(), horizon.to_string()], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    for row in rows {
        let (id, kind, held_on, place) = row?;
        let (Ok(date), Ok(kind)) = (
            held_on.parse::<NaiveDate>(),
            <CommitteeKind as passerelle_domain::code::Coded>::parse_code(&kind),
        ) else {
            continue;
        };
        events.push(CalendarEvent {
            uid: format!("seance-{id}@passerelle"),
            date,
            summary: format!("{} — séance, {place}", kind.label()),
            description: format!("Séance n° {id} : {}, {place}", kind.label()),
            category: "Séance de comité",
        });
    }
    events.sort_by(|a, b| (a.date, &a.uid).cmp(&(b.date, &b.uid)));
    Ok(events)
}
