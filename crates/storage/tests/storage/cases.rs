//! Integration: case files, search and the journal on a real database file.

use crate::common::{at, case, temp_db};
use passerelle_domain::case::{CaseQuery, CaseSort, FlagFilter};
use passerelle_storage::{cases, integrity, journal};

fn names(conn: &passerelle_storage::Connection, query: &CaseQuery) -> Vec<String> {
    cases::list(conn, query)
        .unwrap()
        .items
        .into_iter()
        .map(|s| s.display_name)
        .collect()
}

#[test]
fn create_assigns_a_reference_and_reads_back() {
    let (_dir, mut conn) = temp_db();
    let created = cases::create(
        &mut conn,
        "Agent",
        &case("Dupré", "Françoise", "metz"),
        at(4),
    )
    .unwrap();
    assert_eq!(created.reference, format!("D-2026-{:06}", created.id));
    let read = cases::get(&conn, created.id).unwrap().unwrap();
    assert_eq!(read, created);
}

#[test]
fn search_ignores_accents_and_case_and_matches_prefixes() {
    let (_dir, mut conn) = temp_db();
    for (s, f) in [
        ("Dupré", "Françoise"),
        ("Dupont", "Éric"),
        ("Muller", "Agnès"),
    ] {
        cases::create(&mut conn, "Agent", &case(s, f, "metz"), at(4)).unwrap();
    }
    let q = |text: &str| CaseQuery {
        text: text.into(),
        ..CaseQuery::default()
    };
    assert_eq!(names(&conn, &q("dup")), ["DUPONT Éric", "DUPRÉ Françoise"]);
    assert_eq!(names(&conn, &q("DUPRE")), ["DUPRÉ Françoise"]);
    assert_eq!(names(&conn, &q("eric")), ["DUPONT Éric"]);
    assert_eq!(names(&conn, &q("dup fran")), ["DUPRÉ Françoise"]);
    assert!(
        names(&conn, &q("\"NEAR(")).is_empty(),
        "query syntax is neutralised"
    );
}

#[test]
fn search_covers_employer_and_rome_labels_ranking_names_first() {
    let (_dir, mut conn) = temp_db();
    let mut a = case("Secrétan", "Luc", "metz");
    a.situation.employer.name = "Fonderie Lorraine".into();
    let mut b = case("Weber", "Anne", "metz");
    b.situation.job_rome = "M1607".into(); // Secrétaire
    cases::create(&mut conn, "Agent", &b, at(4)).unwrap();
    cases::create(&mut conn, "Agent", &a, at(4)).unwrap();
    let q = |text: &str| CaseQuery {
        text: text.into(),
        ..CaseQuery::default()
    };
    assert_eq!(names(&conn, &q("fonderie")), ["SECRÉTAN Luc"]);
    // « secr » matches Luc's surname and Anne's trade label: the name ranks first.
    assert_eq!(names(&conn, &q("secr")), ["SECRÉTAN Luc", "WEBER Anne"]);
}

#[test]
fn filters_sorts_pages_and_archiving() {
    let (_dir, mut conn) = temp_db();
    let mut ids = Vec::new();
    for (i, (s, t)) in [
        ("Émile", "metz"),
        ("Adam", "moselle-sud"),
        ("Zola", "metz"),
        ("Bach", "metz"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut c = case(s, "X", t);
        c.situation.flags.oeth.set = i == 3;
        ids.push(
            cases::create(&mut conn, "Agent", &c, at(1 + i as u32))
                .unwrap()
                .id,
        );
    }
    let all = CaseQuery::default();
    assert_eq!(
        names(&conn, &all),
        ["ADAM X", "BACH X", "ÉMILE X", "ZOLA X"],
        "É sorts with E"
    );
    let metz = CaseQuery {
        territory: Some("metz".into()),
        ..CaseQuery::default()
    };
    assert_eq!(cases::list(&conn, &metz).unwrap().total, 3);
    let flagged = CaseQuery {
        flag: Some(FlagFilter::Oeth),
        ..CaseQuery::default()
    };
    assert_eq!(names(&conn, &flagged), ["BACH X"]);
    let recent = CaseQuery {
        sort: CaseSort::RecentlyUpdated,
        limit: 2,
        ..CaseQuery::default()
    };
    assert_eq!(names(&conn, &recent), ["BACH X", "ZOLA X"]);
    let page2 = CaseQuery {
        offset: 2,
        limit: 2,
        ..CaseQuery::default()
    };
    let page = cases::list(&conn, &page2).unwrap();
    assert_eq!((page.total, page.items.len()), (4, 2));

    cases::set_archived(&mut conn, "Agent", ids[0], true, at(10)).unwrap();
    assert_eq!(cases::list(&conn, &all).unwrap().total, 3);
    let with_archived = CaseQuery {
        include_archived: true,
        ..CaseQuery::default()
    };
    assert_eq!(cases::list(&conn, &with_archived).unwrap().total, 4);
    assert!(
        cases::get(&conn, ids[0])
            .unwrap()
            .unwrap()
            .archived_at
            .is_some()
    );
}

#[test]
fn updates_are_journaled_field_by_field() {
    let (_dir, mut conn) = temp_db();
    let mut c = case("Dupré", "Françoise", "metz");
    c.situation.employer.name = "Acier SA".into();
    let created = cases::create(&mut conn, "Agent", &c, at(4)).unwrap();
    c.situation.employer.name = "Fonderie Lorraine".into();
    let (_, changes) = cases::update(&mut conn, "Claire Martin", created.id, &c, at(5)).unwrap();
    assert_eq!(changes.len(), 1);
    // Saving the same data again writes nothing.
    let (_, none) = cases::update(&mut conn, "Claire Martin", created.id, &c, at(6)).unwrap();
    assert!(none.is_empty());

    let entries = journal::entries_for(&conn, "case_file", created.id).unwrap();
    assert_eq!(entries.len(), 2);
    let update = &entries[1];
    assert_eq!(
        (update.actor.as_str(), update.action.as_str()),
        ("Claire Martin", "update")
    );
    assert_eq!(update.changes[0].field, "situation.employer.name");
    assert_eq!(update.changes[0].before.as_deref(), Some("Acier SA"));
    assert_eq!(
        update.changes[0].after.as_deref(),
        Some("Fonderie Lorraine")
    );
    // The search index followed the change.
    let q = CaseQuery {
        text: "fonderie".into(),
        ..CaseQuery::default()
    };
    assert_eq!(cases::list(&conn, &q).unwrap().total, 1);
}

#[test]
fn journal_verify_detects_a_changed_row_and_a_changed_entry() {
    let (_dir, mut conn) = temp_db();
    let a = cases::create(
        &mut conn,
        "Agent",
        &case("Dupré", "Françoise", "metz"),
        at(4),
    )
    .unwrap();
    let b = cases::create(&mut conn, "Agent", &case("Muller", "Agnès", "metz"), at(5)).unwrap();
    assert_eq!(integrity::verify(&conn).unwrap(), Ok(2));

    // One byte of a journaled row, changed behind the app's back.
    conn.execute(
        "UPDATE case_file SET data = replace(data, 'Muller', 'Mullar') WHERE id = ?1",
        [b.id.0],
    )
    .unwrap();
    let broken = integrity::verify(&conn).unwrap().unwrap_err();
    assert_eq!(
        (broken.entity.as_str(), broken.entity_id),
        ("case_file", b.id.0)
    );
    assert!(broken.reason.contains("modifiée hors de l’application"));
    conn.execute(
        "UPDATE case_file SET data = replace(data, 'Mullar', 'Muller') WHERE id = ?1",
        [b.id.0],
    )
    .unwrap();
    assert_eq!(integrity::verify(&conn).unwrap(), Ok(2));

    // The journal refuses an edit; someone who drops the guard first is still caught: the
    // edited entry is named.
    assert!(
        conn.execute("UPDATE journal SET actor = 'x' WHERE id = 1", [])
            .is_err()
    );
    conn.execute_batch("DROP TRIGGER journal_no_update;")
        .unwrap();
    let first: i64 = conn
        .query_row(
            "SELECT id FROM journal WHERE entity_id = ?1",
            [a.id.0],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute(
        "UPDATE journal SET actor = 'Quelqu’un' WHERE id = ?1",
        [first],
    )
    .unwrap();
    let broken = integrity::verify(&conn).unwrap().unwrap_err();
    assert_eq!(broken.entry_id, first);
}

#[test]
fn broad_searches_list_name_matches_first_then_the_rest_newest_first() {
    let (_dir, mut conn) = temp_db();
    // 1 050 « Martin » and 20 cases whose employer matches « mar » but whose name does not.
    let mut batch: Vec<_> = (0..1_050)
        .map(|i| case("Martin", &format!("N{i}"), "metz"))
        .collect();
    for i in 0..20 {
        let mut c = case("Weber", &format!("E{i}"), "metz");
        c.situation.employer.name = "Marbrerie de Lorraine".into();
        batch.push(c);
    }
    cases::create_many(&mut conn, "Agent", &batch, at(1), &mut |_| {}).unwrap();
    let q = |offset| CaseQuery {
        text: "mar".into(),
        offset,
        limit: 50,
        ..CaseQuery::default()
    };
    let first = cases::list(&conn, &q(0)).unwrap();
    assert_eq!(first.total, 1_070);
    assert!(
        first
            .items
            .iter()
            .all(|s| s.display_name.starts_with("MARTIN"))
    );
    assert_eq!(
        first.items[0].display_name, "MARTIN N1049",
        "newest name match first"
    );
    // The page that straddles the two tiers: 1 050 name matches, then the employers.
    let straddle = cases::list(&conn, &q(1_040)).unwrap();
    let names: Vec<_> = straddle
        .items
        .iter()
        .map(|s| s.display_name.as_str())
        .collect();
    assert_eq!(names.len(), 30);
    assert!(names[..10].iter().all(|n| n.starts_with("MARTIN")));
    assert!(names[10..].iter().all(|n| n.starts_with("WEBER")));
    assert_eq!(names[10], "WEBER E19");
    let last = cases::list(&conn, &q(1_060)).unwrap();
    assert_eq!(last.items.len(), 10);
}

#[test]
fn territories_can_be_added_once_and_are_journaled() {
    let (_dir, mut conn) = temp_db();
    let added =
        passerelle_storage::territory::add(&mut conn, "Agent", " Pays de Sarrebourg ", at(2))
            .unwrap();
    assert_eq!(
        (added.code.as_str(), added.label.as_str()),
        ("pays-de-sarrebourg", "Pays de Sarrebourg")
    );
    let all = passerelle_storage::territory::list(&conn).unwrap();
    assert_eq!(all.len(), 6);
    assert_eq!(
        all.last().unwrap().code,
        "pays-de-sarrebourg",
        "built-in ones first"
    );
    let again = passerelle_storage::territory::add(&mut conn, "Agent", "Pays de SARREBOURG", at(3));
    let err = passerelle_domain::AppError::from(again.unwrap_err());
    assert!(err.to_string().contains("existe déjà"), "{err}");
    // Built-in territories come from the migration; only the added one is journaled.
    assert_eq!(integrity::verify(&conn).unwrap(), Ok(1));
    conn.execute(
        "UPDATE territory SET label = 'Autre' WHERE code = 'pays-de-sarrebourg'",
        [],
    )
    .unwrap();
    assert!(integrity::verify(&conn).unwrap().is_err());
}
