//! The room in the session: pins and their moderation, dot votes with hidden tallies, the parking
//! lot, the process check and the agenda's clock, all undoable; their checks in the file; the
//! migration of format-1 files; pins as GeoJSON.

use std::path::Path;

use jiff::Timestamp;
use twin_core::session::file::{from_str_named, to_ron};
use twin_core::session::room::{
    Agenda, Choice, Concern, Influence, Link, Origin, ParkedKind, PinCategory, PinDraft, PinStatus, Profile,
    Promise, Response, Screen, Statement, VoteState, pins_geojson,
};
use twin_core::session::{ByLever, Change, ChangeError, FORMAT_VERSION, ScenarioCopy, Session};

fn t(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_764_662_400 + seconds).expect("a valid time")
}

fn session() -> Session {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/baerum.ron"))
        .expect("baerum.ron");
    let mut s = Session::new("Energi i Bærum", ScenarioCopy::new(Some("baerum.ron".into()), text), t(0));
    s.apply(s.add_proposal("Gruppe 1", ByLever::default()), t(1)).expect("a proposal");
    s
}

fn draft(origin: Origin, story: &str) -> PinDraft {
    PinDraft {
        lon: 10.52,
        lat: 59.89,
        category: PinCategory::Idea,
        story: story.to_owned(),
        concerns: Some(Concern::Lever("pv_rollout".into())),
        district: Some("Sandvika".into()),
        origin,
        at: t(5),
    }
}

/// A kiosk pin, an operator pin, a vote with ballots and paper, a parked idea, a response, phases.
fn busy(s: &mut Session) {
    s.apply(s.set_phases(Agenda::standard(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]).phases), t(2))
        .expect("phases");
    s.apply(s.go_to_phase(Some(3), t(3)), t(3)).expect("phase");
    s.apply(s.add_pin(draft(Origin::Kiosk, "Solceller på skolen")), t(5)).expect("pin");
    s.apply(s.add_pin(draft(Origin::Operator, "Fra papirkartet")), t(6)).expect("pin");
    let vote = s.open_vote(
        "Hva bør vi teste først?",
        vec![Choice::Proposal(1), Choice::Lever("ev_share".into())],
        3,
    );
    s.apply(vote, t(7)).expect("vote");
    let id = s.room.votes[0].id;
    s.apply(s.cast(id, vec![0, 0, 1]).expect("a ballot"), t(8)).expect("cast");
    s.apply(s.paper_count(id, 1, 4).expect("paper"), t(9)).expect("paper");
    s.apply(s.park(ParkedKind::Concern, "Hva med fjernvarmeprisen?", Some(Link::Group(1)), t(10)), t(10))
        .expect("park");
    let response = Response(enum_map::EnumMap::from_fn(|s: Statement| 1 + s as u8));
    s.apply(s.respond(response), t(11)).expect("respond");
}

#[test]
fn every_room_change_undoes_and_redoes_back_to_the_same_room() {
    let mut s = session();
    let mut rooms = vec![s.room.clone()];
    let steps = s.journal.len();
    busy(&mut s);
    let made = s.journal.len() - steps;
    assert_eq!(made, 9);
    // Rebuild the list of states by undoing one by one, then redo forwards and compare.
    let mut back = vec![s.room.clone()];
    for k in 0..made {
        s.undo(t(100 + k as i64)).expect("undo");
        back.push(s.room.clone());
    }
    assert_eq!(s.room, rooms.remove(0), "undoing everything gives the empty room");
    for k in 0..made {
        s.redo(t(200 + k as i64)).expect("redo");
        assert_eq!(s.room, back[made - 1 - k], "redo {k}");
    }
    assert_eq!(s.room.pins.len(), 2);
    assert_eq!(s.room.votes[0].voters(), 1);
}

#[test]
fn kiosk_pins_wait_for_moderation_and_a_hidden_pins_reason_is_in_the_journal() {
    let mut s = session();
    busy(&mut s);
    let kiosk = s.room.pins[0].id;
    assert_eq!(s.room.pins[0].status, PinStatus::Pending, "a kiosk pin waits");
    assert_eq!(s.room.pins[1].status, PinStatus::Approved, "the operator's own pin is shown at once");
    assert_eq!(s.room.approved_pins().count(), 1);
    let hide = s.moderate(kiosk, PinStatus::Hidden("personopplysninger".into())).expect("a pin");
    s.apply(hide, t(20)).expect("hide");
    assert_eq!(s.room.approved_pins().count(), 1);
    assert_eq!(s.room.pending_pins().count(), 0);
    let last = &s.journal.last().expect("an entry").change;
    assert!(
        matches!(last, Change::Room(twin_core::session::room::RoomChange::Pin(twin_core::session::room::Edit::Replace(_, p)))
            if p.status == PinStatus::Hidden("personopplysninger".into())),
        "{last:?}"
    );
    s.apply(s.moderate(kiosk, PinStatus::Approved).expect("a pin"), t(21)).expect("approve");
    assert_eq!(s.room.approved_pins().count(), 2);
    s.apply(s.like(kiosk).expect("a pin"), t(22)).expect("like");
    assert_eq!(s.room.pin(kiosk).map(|p| p.likes), Some(1));
}

#[test]
fn a_votes_tally_is_hidden_until_it_closes_then_ranked_with_paper_counts() {
    let mut s = session();
    busy(&mut s);
    let id = s.room.votes[0].id;
    assert!(s.room.votes[0].ranking().is_none(), "open: no tallies");
    assert!(matches!(s.cast(id, vec![0, 1, 1, 0]), Err(ChangeError::Invalid(_))), "four dots of three");
    assert!(matches!(s.cast(id, vec![2]), Err(ChangeError::Invalid(_))), "no third choice");
    s.apply(s.cast(id, vec![0]).expect("a ballot"), t(30)).expect("cast");
    s.apply(s.set_vote_state(id, VoteState::Closed).expect("a vote"), t(31)).expect("close");
    let ranking = s.room.votes[0].ranking().expect("closed: ranked");
    // Choice 1: one device dot + four paper dots = 5; choice 0: two + one device dots = 3.
    assert_eq!(ranking, vec![(&Choice::Lever("ev_share".into()), 5), (&Choice::Proposal(1), 3)]);
    assert!(s.cast(id, vec![0]).is_err(), "a closed vote takes no ballots");
}

#[test]
fn the_phase_clock_counts_down_and_goes_negative_over_time() {
    let mut s = session();
    busy(&mut s);
    let agenda = &s.room.agenda;
    assert_eq!(agenda.total_minutes(), 150, "the run of show is 2½ hours");
    assert_eq!(agenda.phase().map(|p| p.screen), Some(Screen::MapJam));
    assert_eq!(agenda.remaining_s(t(3)), Some(600.0));
    assert_eq!(agenda.remaining_s(t(3 + 660)), Some(-60.0));
    s.apply(s.go_to_phase(None, t(700)), t(700)).expect("stop");
    assert_eq!(s.room.agenda.remaining_s(t(800)), None);
}

#[test]
fn the_process_profile_averages_each_statement() {
    let answers = |r: u8| Response(enum_map::EnumMap::from_fn(|_| r));
    let profile = Profile::of(&[answers(1), answers(4), answers(4)]);
    assert_eq!(profile.responses, 3);
    assert_eq!(profile.mean[Statement::Influence], 3.0);
    assert_eq!(profile.counts[Statement::Equality], [1, 0, 0, 2, 0]);
    let s = session();
    let bad = Response(enum_map::EnumMap::from_fn(|_| 6));
    let mut s2 = s.clone();
    assert!(matches!(s2.apply(s.respond(bad), t(5)), Err(ChangeError::Invalid(_))));
    assert_eq!(s2.room, s.room, "a refused response changes nothing");
}

#[test]
fn a_room_round_trips_through_its_file() {
    let mut s = session();
    busy(&mut s);
    let text = to_ron(&s);
    let back = from_str_named(&text, Path::new("s.ron")).expect("reads back");
    assert_eq!(back, s);
}

fn error_of(text: &str) -> String {
    match from_str_named(text, Path::new("s.ron")) {
        Ok(_) => panic!("accepted a bad session"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_bad_room_says_where_and_what() {
    let mut s = session();
    busy(&mut s);
    let text = to_ron(&s);
    // The journal before the room holds the same pins and votes: change the room's.
    let at = text.find("    room: Room(").expect("a room");
    let (journal, room) = text.split_at(at);
    let edit = |from: &str, to: &str| format!("{journal}{}", room.replacen(from, to, 1));
    let lat = edit("lat: 59.89", "lat: 159.89");
    assert_ne!(lat, text);
    let e = error_of(&lat);
    assert!(e.contains("room.pins[0].draft") && e.contains("longitude and latitude"), "{e}");
    let line: usize = e.split(':').nth(1).and_then(|l| l.parse().ok()).expect("a line");
    assert!(lat.lines().nth(line - 1).is_some_and(|l| l.contains("draft") || l.contains("lat")), "{e}");

    let ballot = edit("1: 4,", "7: 4,");
    assert_ne!(ballot, text, "the paper count is written as expected");
    assert!(error_of(&ballot).contains("room.votes[0]"), "{}", error_of(&ballot));

    let category = edit("category: Idea", "category: Ideas");
    assert!(error_of(&category).contains("Ideas"), "{}", error_of(&category));

    let link = edit("Group(1)", "Group(99)");
    assert!(error_of(&link).contains("room.parking[0].link"), "{}", error_of(&link));
}

#[test]
fn a_format_1_file_opens_with_an_empty_room_and_saves_as_the_current_format() {
    let s = session();
    let text = to_ron(&s);
    let v1 = text.replacen(&format!("format_version: {FORMAT_VERSION}"), "format_version: 1", 1);
    // Format 1 had no room.
    let start = v1.find("    room: Room(").expect("a room");
    let end = start + v1[start..].find("\n    ),\n").expect("the room's end") + "\n    ),\n".len();
    let v1 = format!("{}{}", &v1[..start], &v1[end..]);
    assert!(!v1.contains("room:"), "{v1}");
    let opened = from_str_named(&v1, Path::new("old.ron")).expect("a format-1 file opens");
    assert_eq!(opened.format_version, FORMAT_VERSION);
    assert_eq!(opened.room, s.room);
    assert!(to_ron(&opened).contains(&format!("format_version: {FORMAT_VERSION}")));
    let v0 = text.replacen(&format!("format_version: {FORMAT_VERSION}"), "format_version: 0", 1);
    assert!(error_of(&v0).contains("formats start at 1"));
}

#[test]
fn the_promise_is_undoable_refuses_an_empty_step_and_a_format_2_file_has_the_default() {
    let mut s = session();
    let promise = Promise { influence: Influence::Involve, ..Promise::default() }
        .with_step("Planavdelingen svarer på hvert innspill", "innen 1. mars 2027");
    s.apply(s.set_promise(promise.clone()), t(2)).expect("a promise");
    assert_eq!(s.room.promise, promise);
    let text = to_ron(&s);
    assert_eq!(from_str_named(&text, Path::new("s.ron")).expect("reads back").room.promise, promise);
    let refused = s.apply(s.set_promise(promise.with_step(" ", "i morgen")), t(3));
    assert!(matches!(refused, Err(ChangeError::Invalid(_))), "{refused:?}");
    s.undo(t(4)).expect("undo");
    assert_eq!(s.room.promise, Promise::default());

    // A file edited by hand with a step of no text is refused, saying where.
    // (The last mention is the room's; the journal's change comes before it.)
    let step = "what: \"Planavdelingen svarer på hvert innspill\"";
    let at = text.rfind(step).expect("the step is written as expected");
    let empty = format!("{}what: \"  \"{}", &text[..at], &text[at + step.len()..]);
    assert!(error_of(&empty).contains("room.promise"), "{}", error_of(&empty));

    // Format 2 had no promise: it reads as the default.
    let v2 =
        to_ron(&session()).replacen(&format!("format_version: {FORMAT_VERSION}"), "format_version: 2", 1);
    let start = v2.find("        promise: Promise(").expect("a promise");
    let end = start + v2[start..].find("\n        ),\n").expect("its end") + "\n        ),\n".len();
    let v2 = format!("{}{}", &v2[..start], &v2[end..]);
    assert!(!v2.contains("promise"), "{v2}");
    let opened = from_str_named(&v2, Path::new("old.ron")).expect("a format-2 file opens");
    assert_eq!((opened.format_version, opened.room.promise), (FORMAT_VERSION, Promise::default()));
}

#[test]
fn pins_export_as_rfc_7946_points_in_longitude_latitude() {
    let mut s = session();
    busy(&mut s);
    let all = pins_geojson(&s.room, false);
    assert_eq!(all["type"], "FeatureCollection");
    let features = all["features"].as_array().expect("features");
    assert_eq!(features.len(), 2);
    let first = &features[0];
    assert_eq!(first["geometry"]["type"], "Point");
    assert_eq!(first["geometry"]["coordinates"], serde_json::json!([10.52, 59.89]), "longitude first");
    assert_eq!(first["properties"]["category"], "idea");
    assert_eq!(first["properties"]["status"], "pending");
    assert_eq!(first["properties"]["concerns"], "lever:pv_rollout");
    let published = pins_geojson(&s.room, true);
    assert_eq!(published["features"].as_array().map(Vec::len), Some(1), "only approved pins");
}

#[test]
fn kiosk_pins_travel_through_the_inbox_and_bad_files_are_set_aside() {
    use twin_core::session::inbox;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("workshop.ron");
    let inbox_dir = inbox::dir(&file);
    assert_eq!(inbox_dir, dir.path().join("workshop.inbox"));
    assert!(inbox::read(&inbox_dir).is_empty(), "no inbox yet, nothing in it");
    let sent = inbox::send(&inbox_dir, &draft(Origin::Kiosk, "Benk ved stranda")).expect("sent");
    std::fs::write(
        inbox_dir.join("pin-0-bad.ron"),
        "PinDraft(lon: 10.5, lat: 300.0, category: Idea, at: \"2025-01-01T00:00:00Z\")",
    )
    .expect("a bad file");
    std::fs::write(inbox_dir.join(".tmp-half-written"), "PinDr").expect("a temporary file");
    let deliveries = inbox::read(&inbox_dir);
    assert_eq!(deliveries.len(), 2, "only whole `.ron` files are read");
    let bad = deliveries.iter().find(|d| d.draft.is_err()).expect("the bad one");
    assert!(
        bad.draft.as_ref().err().is_some_and(|e| e.contains("longitude and latitude")),
        "{:?}",
        bad.draft
    );
    let kept = inbox::reject(&bad.path).expect("set aside");
    assert!(kept.exists());
    let good = deliveries.iter().find(|d| d.path == sent).expect("the kiosk's pin");
    let mut s = session();
    let pin = good.draft.clone().expect("a pin");
    s.apply(s.add_pin(pin), t(5)).expect("taken into the session");
    assert_eq!(s.room.pending_pins().count(), 1, "a kiosk pin waits for moderation");
    inbox::done(&good.path).expect("removed");
    assert!(inbox::read(&inbox_dir).is_empty());
}

#[test]
fn whatever_a_kiosk_user_types_is_kept_safely_as_text() {
    use twin_core::session::inbox;
    let dir = tempfile::tempdir().expect("tempdir");
    let inbox_dir = dir.path().join("w.inbox");
    let hostile = [
        "x".repeat(10_000),
        "<script>alert(1)</script> & <b>fet</b>".to_owned(),
        "🌍🔥♻️ Ærlig talt – ÆØÅ æøå".to_owned(),
        "bell\u{7} escape\u{1b}[31m nul\u{0} line\nbreak \u{202e}reversed".to_owned(),
        "\"), story: \"injected".to_owned(),
    ];
    let mut s = session();
    for story in &hostile {
        let mut pin = draft(Origin::Kiosk, story);
        pin.at = t(s.room.pins.len() as i64);
        let sent = inbox::send(&inbox_dir, &pin).expect("sent");
        let delivered = inbox::read(&inbox_dir).into_iter().find(|d| d.path == sent).expect("delivered");
        let taken = delivered.draft.expect("a pin, not an error");
        assert!(taken.story.chars().count() <= twin_core::session::room::MAX_STORY_CHARS);
        assert!(!taken.story.chars().any(|c| c.is_control() && c != '\n'), "{:?}", taken.story);
        s.apply(s.add_pin(taken), t(9)).expect("a pin");
        inbox::done(&sent).expect("removed");
    }
    let stories: Vec<&str> = s.room.pins.iter().map(|p| p.draft.story.as_str()).collect();
    assert_eq!(stories[1], "<script>alert(1)</script> & <b>fet</b>", "markup is kept as text");
    assert_eq!(stories[2], "🌍🔥♻️ Ærlig talt – ÆØÅ æøå");
    assert_eq!(stories[3], "bell escape[31m nul line\nbreak reversed", "no control or override marks");
    assert_eq!(stories[4], "\"), story: \"injected", "quotes cannot break out of the file");
    let text = to_ron(&s);
    let back = from_str_named(&text, Path::new("s.ron")).expect("the session still reads");
    assert_eq!(back.room, s.room);
    // Over the limit in a session written by hand: a clear error, not a panic.
    let long = text.replace(&"x".repeat(1000), &"x".repeat(1001));
    assert!(error_of(&long).contains("longer than 1000"), "{}", error_of(&long));
}
