//! Integration: `deadlines --ics FILE` on the demo — the deadlines and the committee sittings
//! ahead, read back with an independent iCalendar parser: one all-day event per deadline named
//! by the case's reference, never by the person.

use crate::common::{ok, run, text};
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};

#[test]
fn the_calendar_export_reads_back_with_references_and_no_names() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    ok(&db, &["demo", "--cases", "60"]);
    let ics = dir.path().join("echeances.ics");
    let out = ok(
        &db,
        &["deadlines", "--days", "365", "--ics", ics.to_str().unwrap()],
    );
    assert!(out.contains("(références des dossiers, sans nom)"), "{out}");

    let content = std::fs::read_to_string(&ics).unwrap();
    let calendar: Calendar = content.parse().unwrap();
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(CalendarComponent::as_event)
        .collect();
    // As many deadlines as the JSON view lists, plus the sittings.
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["deadlines", "--days", "365", "--json"])).unwrap();
    let due =
        json["overdue"].as_array().unwrap().len() + json["upcoming"].as_array().unwrap().len();
    let sitting = |e: &icalendar::Event| e.get_uid().is_some_and(|u| u.starts_with("seance-"));
    let sittings = events.iter().filter(|e| sitting(e)).count();
    assert!(
        due > 0 && sittings > 0,
        "{due} deadlines, {sittings} sittings"
    );
    assert_eq!(events.len(), due + sittings);

    let names: Vec<String> = json["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .chain(json["upcoming"].as_array().unwrap())
        .map(|i| i["name"].as_str().unwrap().to_owned())
        .collect();
    for e in &events {
        let summary = e.get_summary().unwrap();
        assert!(
            matches!(e.get_start(), Some(DatePerhapsTime::Date(_))),
            "{summary}"
        );
        assert!(e.get_uid().unwrap().ends_with("@passerelle"));
        if !sitting(e) {
            assert!(summary.contains(" — D-"), "{summary}");
        }
        for name in &names {
            assert!(!summary.contains(name.as_str()), "{name} in {summary}");
        }
    }
    for name in &names {
        let surname = name.split_whitespace().next().unwrap();
        assert!(!content.contains(surname), "{surname} in the calendar");
    }

    // A folder instead of a file: a French error, nothing else.
    let refused = run(&db, &["deadlines", "--ics", dir.path().to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(text(&refused.stderr).contains("écriture impossible"));
}
