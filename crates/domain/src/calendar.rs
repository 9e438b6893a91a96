//! Deadlines and committee sittings as an iCalendar file (RFC 5545) a counsellor imports into
//! their calendar. Each event names the case by its reference, never the person: a calendar is
//! synchronised to places the app does not control.

use chrono::{DateTime, Days, NaiveDate, Utc};

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Stable across exports, so that importing again updates instead of duplicating.
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    pub description: String,
    pub category: &'static str,
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a character (§3.1), CRLF-terminated.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn day(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// The calendar, events in the order given.
pub fn ics(events: &[CalendarEvent], generated_at: DateTime<Utc>) -> String {
    let mut out = String::new();
    let stamp = generated_at.format("%Y%m%dT%H%M%SZ").to_string();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Passerelle//Echeances//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Passerelle — échéances",
    ] {
        push_line(&mut out, line);
    }
    for e in events {
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:{}", text(&e.uid)));
        push_line(&mut out, &format!("DTSTAMP:{stamp}"));
        push_line(&mut out, &format!("DTSTART;VALUE=DATE:{}", day(e.date)));
        let next = e.date.checked_add_days(Days::new(1)).unwrap_or(e.date);
        push_line(&mut out, &format!("DTEND;VALUE=DATE:{}", day(next)));
        push_line(&mut out, &format!("SUMMARY:{}", text(&e.summary)));
        push_line(&mut out, &format!("DESCRIPTION:{}", text(&e.description)));
        push_line(&mut out, &format!("CATEGORIES:{}", text(e.category)));
        push_line(&mut out, "TRANSP:TRANSPARENT");
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn event(summary: &str) -> CalendarEvent {
        CalendarEvent {
            uid: "D-2026-000011-delai@passerelle".into(),
            date: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            summary: summary.into(),
            description: "Dossier D-2026-000011\nétape : PTP".into(),
            category: "Échéance",
        }
    }

    #[test]
    fn events_are_all_day_escaped_and_crlf() {
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 9, 30, 0).unwrap();
        let ics = ics(
            &[event("Réponse de l’employeur ; relance, D-2026-000011")],
            at,
        );
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"));
        assert!(ics.contains("DTSTAMP:20261201T093000Z"));
        assert!(ics.contains("SUMMARY:Réponse de l’employeur \\; relance\\, D-2026-000011"));
        assert!(ics.contains("DESCRIPTION:Dossier D-2026-000011\\nétape : PTP"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let long = "é".repeat(100);
        let ics = ics(
            &[event(&long)],
            Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap(),
        );
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        // Unfolded, the summary is whole again.
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{long}")));
    }
}
