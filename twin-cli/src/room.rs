//! `twin session room FILE` and `twin session pins FILE`: the room around the model as text and
//! as GeoJSON — the agenda and where the room is in it, pins by moderation status, votes (only the
//! number of voters while a vote is open, the ranking once closed), the "not in the model" parking
//! lot, and the process check's profile, beside another session's for comparison.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context as _;
use twin_core::catalogue::Catalogue;
use twin_core::io::write_atomic;
use twin_core::session::Session;
use twin_core::session::room::{Choice, Link, PinStatus, Profile, Room, Statement, pins_geojson};

use crate::{Failure, emit};

/// Prints the room of a session; with `previous`, its process profile beside that session's.
pub(crate) fn room(session: &Session, previous: Option<&Session>) -> Result<(), Failure> {
    let mut o = String::new();
    agenda(&mut o, &session.room);
    pins(&mut o, &session.room);
    votes(&mut o, session);
    parking(&mut o, session);
    profile(&mut o, &session.room, previous.map(|p| &p.room));
    emit(&o);
    Ok(())
}

fn agenda(o: &mut String, room: &Room) {
    let agenda = &room.agenda;
    let _ = writeln!(o, "agenda: {} phases, {} minutes", agenda.phases.len(), agenda.total_minutes());
    for (i, phase) in agenda.phases.iter().enumerate() {
        let mark = if agenda.current == Some(i) { ">" } else { " " };
        let _ = writeln!(
            o,
            "{mark} {:>2}. {:<32} {:>3} min  {:?}",
            i + 1,
            phase.name,
            phase.minutes,
            phase.screen
        );
    }
    if let (Some(phase), Some(started)) = (agenda.phase(), agenda.started) {
        let _ = writeln!(o, "  under way: {} since {started}", phase.name);
    }
}

fn pins(o: &mut String, room: &Room) {
    let hidden = room.pins.iter().filter(|p| matches!(p.status, PinStatus::Hidden(_))).count();
    let _ = writeln!(
        o,
        "\npins: {} approved, {} waiting for moderation, {hidden} hidden",
        room.approved_pins().count(),
        room.pending_pins().count()
    );
    for pin in &room.pins {
        let d = &pin.draft;
        let status = match &pin.status {
            PinStatus::Pending => "waiting".to_owned(),
            PinStatus::Approved => "approved".to_owned(),
            PinStatus::Hidden(reason) => format!("hidden: {reason}"),
        };
        let district = d.district.as_deref().unwrap_or("district not given");
        let _ = writeln!(
            o,
            "  #{} {} ({:.5}, {:.5}, {district}) [{status}, {} likes] {}",
            pin.id,
            d.category.key(),
            d.lon,
            d.lat,
            pin.likes,
            d.story
        );
    }
}

fn choice_name(session: &Session, choice: &Choice) -> String {
    match choice {
        Choice::Proposal(id) => {
            session.proposal(*id).map_or(format!("proposal #{id}"), |p| p.details.name.clone())
        }
        Choice::Lever(key) => format!("lever {key}"),
        Choice::Pin(id) => {
            session.room.pin(*id).map_or(format!("pin #{id}"), |p| format!("pin #{id} {}", p.draft.story))
        }
    }
}

fn votes(o: &mut String, session: &Session) {
    for vote in &session.room.votes {
        let _ = writeln!(o, "\nvote #{} \"{}\" ({} dots each)", vote.id, vote.question, vote.dots);
        match vote.ranking() {
            None => {
                let _ = writeln!(o, "  open: {} have voted (tallies hidden until it closes)", vote.voters());
            }
            Some(ranking) => {
                for (rank, (choice, dots)) in ranking.into_iter().enumerate() {
                    let _ =
                        writeln!(o, "  {:>2}. {dots:>3} dots  {}", rank + 1, choice_name(session, choice));
                }
            }
        }
    }
}

fn parking(o: &mut String, session: &Session) {
    let _ = writeln!(o, "\nnot in the model: {} items", session.room.parking.len());
    for item in &session.room.parking {
        let from = match item.link {
            Some(Link::Group(id)) => session.proposal(id).map(|p| format!(" ({})", p.details.name)),
            Some(Link::Pin(id)) => Some(format!(" (pin #{id})")),
            None => None,
        };
        let _ = writeln!(o, "  {:?}: {}{}", item.kind, item.text, from.unwrap_or_default());
    }
}

fn profile(o: &mut String, room: &Room, previous: Option<&Room>) {
    let now = Profile::of(&room.process_check);
    let before = previous.map(|r| Profile::of(&r.process_check));
    let _ = write!(o, "\nprocess check: {} responses", now.responses);
    if let Some(before) = &before {
        let _ = write!(o, " (previous session: {})", before.responses);
    }
    let _ = writeln!(o);
    for statement in Statement::all() {
        let _ = write!(
            o,
            "  {:<11} mean {:.2}  1–5: {:?}",
            statement.key(),
            now.mean[statement],
            now.counts[statement]
        );
        if let Some(before) = &before {
            let _ = write!(o, "  previous {:.2}", before.mean[statement]);
        }
        let _ = writeln!(o);
    }
}

/// Writes the session's pins as GeoJSON (only approved ones unless `all`), to `out` or stdout.
pub(crate) fn pins_command(session: &Session, all: bool, out: Option<&Path>) -> Result<(), Failure> {
    let json = pins_geojson(&session.room, !all);
    let text = serde_json::to_string_pretty(&json).map_err(|e| Failure::Other(e.into()))? + "\n";
    match out {
        Some(path) => {
            crate::session::refuse_existing(path)?;
            write_atomic(path, text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))
                .map_err(Failure::Other)
        }
        None => {
            emit(&text);
            Ok(())
        }
    }
}

/// A sample workshop to try the room with (and to picture it in tests): the influence level and
/// next steps, four groups with their packages and reasons, the room's package (their median and two agreed levers),
/// the standard 2½-hour agenda under way at its map-jam phase, pins from the kiosk, paper and the
/// operator (one waiting, one hidden), a closed dot vote, the "not in the model" wall and a few
/// process-check answers. Texts in bokmål: it is a sample of what a room in Bærum or Ålesund
/// would write.
pub(crate) fn sample(
    session: &mut Session,
    now: jiff::Timestamp,
) -> Result<(), twin_core::session::ChangeError> {
    use twin_core::catalogue::levers::LeverId;
    use twin_core::session::ByLever;
    use twin_core::session::room::{
        Agenda, Choice, Concern, Influence, Link, Origin, ParkedKind, PinCategory, PinDraft, Promise,
        Response, VoteState,
    };
    use twin_core::session::{Change, Rule, compare};
    type Moves = [(LeverId, f64, &'static str)];
    let groups: [(&str, &Moves); 4] = [
        (
            "Næringslivet",
            &[
                (LeverId::HeatPumpProgramme, 0.6, "Lavere strømregning for næringsbygg"),
                (LeverId::PvRollout, 0.5, "Store, flate tak på lager og kontor"),
            ],
        ),
        (
            "Ungdomsrådet",
            &[
                (LeverId::EvShare, 0.95, "Bilene må bli utslippsfrie først"),
                (LeverId::SortingCampaign, 0.8, "Sortering er noe alle kan gjøre i dag"),
            ],
        ),
        ("Eldrerådet", &[(LeverId::RetrofitRate, 0.02, "Varmere og billigere boliger for eldre")]),
        (
            "Velforeningene",
            &[
                (LeverId::PvRollout, 0.3, ""),
                (LeverId::SortingCampaign, 0.5, "Flere returpunkt nær der folk bor"),
            ],
        ),
    ];
    for (name, moves) in groups {
        let targets = ByLever(moves.iter().map(|&(lever, to, _)| (lever, to)).collect());
        session.apply(session.add_proposal(name, targets), now)?;
        let Some(proposal) = session.proposals.last() else { continue };
        let mut details = proposal.details.clone();
        details.reasons = ByLever(
            moves.iter().filter(|m| !m.2.is_empty()).map(|&(lever, _, why)| (lever, why.into())).collect(),
        );
        let change =
            Change::EditProposal { proposal: proposal.id, from: proposal.details.clone(), to: details };
        session.apply(change, now)?;
    }
    if let Ok(scenario) = session.scenario.scenario() {
        // The median, with two levers the room agreed on in the plenary.
        let agreed =
            ByLever([(LeverId::HeatPumpProgramme, 0.6), (LeverId::EvShare, 0.95)].into_iter().collect());
        let package = compare::package(session, &scenario, Rule::Median, agreed);
        session.apply(compare::set_package(session, package), now)?;
    }
    let promise = Promise { influence: Influence::Involve, ..Promise::default() }
        .with_step(
            "Planavdelingen svarer på hvert forslag og kartinnspill på kommunens nettside",
            "innen 1. mars 2027",
        )
        .with_step("Rommets pakke og prioriteringene legges fram for planutvalget", "april 2027")
        .with_step("Klima- og energiplanen sendes på høring, med et nytt verksted", "høsten 2027");
    session.apply(session.set_promise(promise), now)?;
    let names = [
        "Velkommen og ramme",
        "Dagens bilde",
        "Spå og test",
        "Kartjam",
        "Gruppeforslag",
        "Pause",
        "Sammenlign og kombiner",
        "Prioriter",
        "Oppsummering",
        "Avslutning og veien videre",
    ];
    session.apply(session.set_phases(Agenda::standard(names).phases), now)?;
    let (lon, lat) =
        session.scenario.scenario().map_or((0.0, 0.0), |s| (s.site.longitude_deg, s.site.latitude_deg));
    let pins = [
        (0.010, 0.004, PinCategory::Idea, "Solceller på skoletakene", Origin::Kiosk, true),
        (-0.020, 0.010, PinCategory::Problem, "Kø ved ladestasjonen hver kveld", Origin::Paper, true),
        (0.030, -0.006, PinCategory::PlaceILike, "Kyststien", Origin::Operator, true),
        (-0.012, -0.008, PinCategory::Waste, "Returpunktet er alltid fullt", Origin::Kiosk, false),
    ];
    for (dx, dy, category, story, origin, approve) in pins {
        let concerns =
            (category == PinCategory::Idea).then(|| Concern::Lever(LeverId::PvRollout.key().into()));
        let draft = PinDraft {
            lon: lon + dx,
            lat: lat + dy,
            category,
            story: story.into(),
            concerns,
            district: None,
            origin,
            at: now,
        };
        session.apply(session.add_pin(draft), now)?;
        let id = session.room.pins.last().map_or(0, |p| p.id);
        if approve && origin == Origin::Kiosk {
            let change = session.moderate(id, twin_core::session::room::PinStatus::Approved);
            session.apply(change.ok_or(twin_core::session::ChangeError::NoProposal(id))?, now)?;
        }
    }
    let choices: Vec<Choice> = session.proposals.iter().map(|p| Choice::Proposal(p.id)).collect();
    session.apply(session.open_vote("Hva bør kommunen teste først?", choices, 3), now)?;
    let vote = session.room.votes[0].id;
    for ballot in [vec![0, 1, 1], vec![1, 2, 3], vec![1, 1, 0], vec![3]] {
        session.apply(session.cast(vote, ballot)?, now)?;
    }
    session.apply(session.paper_count(vote, 2, 5)?, now)?;
    session.apply(
        session
            .set_vote_state(vote, VoteState::Closed)
            .ok_or(twin_core::session::ChangeError::NoProposal(vote))?,
        now,
    )?;
    let group = session.proposals[0].id;
    session.apply(
        session.park(ParkedKind::Concern, "Hva skjer med nettleien når alle lader samtidig?", None, now),
        now,
    )?;
    session.apply(
        session.park(
            ParkedKind::Idea,
            "Felles innkjøp av varmepumper i borettslag",
            Some(Link::Group(group)),
            now,
        ),
        now,
    )?;
    session.apply(session.park(ParkedKind::Effect, "Trivsel og luftkvalitet i sentrum", None, now), now)?;
    for ratings in [[4, 5, 4, 3, 4], [3, 4, 4, 2, 3], [5, 5, 4, 4, 4]] {
        let response = Response(enum_map::EnumMap::from_fn(|s: twin_core::session::room::Statement| {
            ratings[s as usize]
        }));
        session.apply(session.respond(response), now)?;
    }
    session.apply(session.go_to_phase(Some(3), now), now)?;
    Ok(())
}
