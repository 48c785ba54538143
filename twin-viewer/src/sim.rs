//! The simulation bridge between the ECS and `twin-core`: levers in, outcome out.
//!
//! A worker thread owns the expensive state (the scenario's [`Prepared`] site data and its
//! baseline run) and recomputes whenever the viewer asks. Requests travel over a *bounded*
//! crossbeam channel; the worker always skips to the newest request waiting, so stale runs are
//! dropped and the latest lever position wins. Results come back over a second bounded channel.
//! Requests are sent at the end of a frame ([`Last`]) and results read at the start of the next
//! ([`PreUpdate`]), so a run of a few milliseconds shows in the very next frame without the
//! render thread ever waiting for the model.
//!
//! Invariant: [`Sim::shown`] only ever moves to a newer generation; rendering systems read it
//! and nothing else of the model.

use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use crossbeam::channel::{Receiver, Sender, TrySendError, bounded};
use twin_core::catalogue::levers::Levers;
use twin_core::model::{HourlyYears, RunOptions, run};
use twin_core::outcome::NonFinite;
use twin_core::prepare::Prepared;
use twin_core::{Outcome, Scenario};

/// Requests that may wait for the worker; newer ones make older ones stale.
const REQUEST_CAPACITY: usize = 4;
/// Results that may wait for the viewer.
const RESULT_CAPACITY: usize = 4;

/// What the worker is asked to compute.
#[derive(Debug, Clone)]
pub struct SimRequest {
    /// Increases with every request; results carry it back.
    pub generation: u64,
    /// The scenario (shared, never copied).
    pub scenario: Arc<Scenario>,
    /// Lever settings to run.
    pub levers: Levers,
    /// The year whose hourly series the outcome keeps.
    pub hourly_year: i32,
}

/// A finished run.
#[derive(Debug, Clone)]
pub struct SimResult {
    /// Generation of the request this answers.
    pub generation: u64,
    /// The scenario it ran.
    pub scenario: Arc<Scenario>,
    /// The levers it ran.
    pub levers: Levers,
    /// The run with the viewer's levers.
    pub outcome: Arc<Outcome>,
    /// The scenario's own pathway (its file's levers), for the faint baseline lines.
    pub baseline: Arc<Outcome>,
    /// Time the worker spent on this request (preparation included when the scenario was new).
    pub compute: Duration,
}

/// A run the model refused to finish (its outcome held a NaN or an infinity).
#[derive(Debug, Clone)]
pub struct SimFailure {
    /// Generation of the request this answers.
    pub generation: u64,
    /// What went wrong, naming the quantity, year and inputs.
    pub message: String,
}

/// What the worker hands back for a request.
type Answer = Result<SimResult, SimFailure>;

/// The worker thread and its two channels.
pub struct Worker {
    requests: Sender<SimRequest>,
    results: Receiver<Answer>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Starts the worker thread.
    pub fn spawn() -> Worker {
        let (request_tx, request_rx) = bounded::<SimRequest>(REQUEST_CAPACITY);
        let (result_tx, result_rx) = bounded::<Answer>(RESULT_CAPACITY);
        let thread = std::thread::Builder::new()
            .name("twin-sim".into())
            .spawn(move || worker_loop(&request_rx, &result_tx))
            .ok();
        Worker { requests: request_tx, results: result_rx, thread }
    }

    /// Hands a request to the worker without blocking; gives it back when the queue is full
    /// (or the worker is gone) so the caller can retry next frame.
    pub fn try_send(&self, request: SimRequest) -> Option<SimRequest> {
        match self.requests.try_send(request) {
            Ok(()) => None,
            Err(TrySendError::Full(r) | TrySendError::Disconnected(r)) => Some(r),
        }
    }

    /// Every answer ready now, oldest first.
    pub fn ready(&self) -> impl Iterator<Item = Answer> + '_ {
        self.results.try_iter()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing the request channel ends the worker's loop; closing the result channel
        // frees it if it is waiting to hand over a result. Then it can be joined.
        drop(std::mem::replace(&mut self.requests, bounded(0).0));
        drop(std::mem::replace(&mut self.results, bounded(0).1));
        if let Some(thread) = self.thread.take() {
            // A worker that panicked has nothing left to clean up.
            let _ = thread.join();
        }
    }
}

/// The worker's cache: the prepared site data and baseline of the last scenario seen.
struct Cache {
    scenario: Arc<Scenario>,
    prepared: Prepared,
    baseline: Option<(i32, Arc<Outcome>)>,
}

fn worker_loop(requests: &Receiver<SimRequest>, results: &Sender<Answer>) {
    let mut cache: Option<Cache> = None;
    while let Ok(first) = requests.recv() {
        // Latest wins: everything queued behind the first request supersedes it.
        let request = requests.try_iter().last().unwrap_or(first);
        let started = Instant::now();
        let fresh = !cache.as_ref().is_some_and(|c| Arc::ptr_eq(&c.scenario, &request.scenario));
        if fresh {
            cache = None;
        }
        let cache = cache.get_or_insert_with(|| Cache {
            scenario: Arc::clone(&request.scenario),
            prepared: Prepared::new(&request.scenario),
            baseline: None,
        });
        let generation = request.generation;
        let answer =
            answer(cache, request, started).map_err(|e| SimFailure { generation, message: e.to_string() });
        if results.send(answer).is_err() {
            return;
        }
    }
}

/// Runs one request against the cached scenario (the baseline once per hourly year).
fn answer(cache: &mut Cache, request: SimRequest, started: Instant) -> Result<SimResult, NonFinite> {
    let options = RunOptions { hourly_years: HourlyYears::These(vec![request.hourly_year]) };
    let baseline = match &cache.baseline {
        Some((year, outcome)) if *year == request.hourly_year => Arc::clone(outcome),
        _ => {
            let outcome = Arc::new(run(&cache.scenario, &cache.scenario.levers, &cache.prepared, &options)?);
            cache.baseline = Some((request.hourly_year, Arc::clone(&outcome)));
            outcome
        }
    };
    let outcome = if request.levers == cache.scenario.levers {
        Arc::clone(&baseline)
    } else {
        Arc::new(run(&cache.scenario, &request.levers, &cache.prepared, &options)?)
    };
    Ok(SimResult {
        generation: request.generation,
        scenario: request.scenario,
        levers: request.levers,
        outcome,
        baseline,
        compute: started.elapsed(),
    })
}

/// The model state the viewer works on: what the user set, and the newest result shown.
#[derive(Resource)]
pub struct Sim {
    /// The open scenario.
    pub scenario: Arc<Scenario>,
    /// The lever settings the user has made (start: the scenario's own).
    pub levers: Levers,
    /// The year whose hourly series charts show.
    pub hourly_year: i32,
    /// The newest result received.
    pub shown: Option<SimResult>,
    /// Why the newest request could not be computed (the result shown is then an older one).
    pub failure: Option<String>,
    /// When the oldest unanswered request was sent (`None` when up to date).
    pub busy_since: Option<Instant>,
    worker: Worker,
    generation: u64,
    last_sent: Option<(Arc<Scenario>, Levers, i32)>,
    pending: Option<SimRequest>,
}

impl Sim {
    /// A bridge for `scenario` with its own levers, starting its worker.
    pub fn new(scenario: Scenario) -> Sim {
        let hourly_year = (scenario.base_year + 5).min(scenario.end_year);
        Sim {
            levers: scenario.levers,
            scenario: Arc::new(scenario),
            hourly_year,
            shown: None,
            failure: None,
            busy_since: None,
            worker: Worker::spawn(),
            generation: 0,
            last_sent: None,
            pending: None,
        }
    }

    /// Switches to another scenario (its own levers; the old results stay until the new arrive).
    pub fn open(&mut self, scenario: Scenario) {
        self.hourly_year = self.hourly_year.clamp(scenario.base_year, scenario.end_year);
        self.levers = scenario.levers;
        self.scenario = Arc::new(scenario);
    }

    /// Whether the result shown answers the current scenario and levers.
    pub fn up_to_date(&self) -> bool {
        self.shown.as_ref().is_some_and(|r| {
            Arc::ptr_eq(&r.scenario, &self.scenario)
                && r.levers == self.levers
                && r.outcome.hourly.iter().any(|h| h.year == self.hourly_year)
        })
    }

    /// Sends a request if what the user set differs from what was last sent. Never blocks.
    pub fn send_changes(&mut self) {
        let wanted = (Arc::clone(&self.scenario), self.levers, self.hourly_year);
        let changed = self
            .last_sent
            .as_ref()
            .is_none_or(|(s, l, y)| !Arc::ptr_eq(s, &wanted.0) || *l != wanted.1 || *y != wanted.2);
        if changed {
            self.generation += 1;
            self.pending = Some(SimRequest {
                generation: self.generation,
                scenario: Arc::clone(&wanted.0),
                levers: wanted.1,
                hourly_year: wanted.2,
            });
            self.last_sent = Some(wanted);
            self.busy_since.get_or_insert_with(Instant::now);
        }
        if let Some(request) = self.pending.take() {
            self.pending = self.worker.try_send(request);
        }
    }

    /// Takes every answer ready; keeps the newest result, and the failure of the newest request
    /// if it failed. Returns whether the shown result changed.
    pub fn receive(&mut self) -> bool {
        let mut changed = false;
        let answers: Vec<Answer> = self.worker.ready().collect();
        for answer in answers {
            let generation = match &answer {
                Ok(result) => result.generation,
                Err(failure) => failure.generation,
            };
            if generation == self.generation {
                self.busy_since = None;
            }
            match answer {
                Ok(result) if self.shown.as_ref().is_none_or(|s| result.generation > s.generation) => {
                    self.shown = Some(result);
                    self.failure = None;
                    changed = true;
                }
                Ok(_) => {}
                Err(failure) if failure.generation == self.generation => self.failure = Some(failure.message),
                Err(_) => {}
            }
        }
        changed
    }

    /// How long the current request has been running, if any.
    pub fn busy_for(&self) -> Option<Duration> {
        self.busy_since.map(|t| t.elapsed())
    }
}

/// The bridge's place in the frame.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub enum SimSet {
    /// Read results (start of frame).
    Receive,
    /// Send what changed (end of frame).
    Send,
}

/// Registers the bridge systems. The app inserts [`Sim`] itself (it owns the scenario).
pub fn plugin(app: &mut App) {
    app.configure_sets(PreUpdate, SimSet::Receive)
        .configure_sets(Last, SimSet::Send)
        .add_systems(PreUpdate, receive_results.in_set(SimSet::Receive))
        .add_systems(Last, send_changes.in_set(SimSet::Send));
}

fn receive_results(sim: Option<ResMut<Sim>>) {
    if let Some(mut sim) = sim {
        sim.receive();
    }
}

fn send_changes(sim: Option<ResMut<Sim>>) {
    if let Some(mut sim) = sim {
        // Only touch the resource (and its change tick) when something must go out.
        if sim.pending.is_some() || !sim.up_to_date_sent() {
            sim.send_changes();
        }
    }
}

impl Sim {
    fn up_to_date_sent(&self) -> bool {
        self.last_sent.as_ref().is_some_and(|(s, l, y)| {
            Arc::ptr_eq(s, &self.scenario) && *l == self.levers && *y == self.hourly_year
        })
    }
}
