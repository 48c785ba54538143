//! The simulation bridge between the ECS and `twin-core`: the levers of every variant of the
//! session in, one outcome per variant out.
//!
//! A pool of worker threads computes runs. Requests travel over a *bounded* crossbeam channel;
//! each carries its variant and a generation, and the pool keeps the newest generation asked
//! for each variant, so a worker that picks up a request already superseded drops it without
//! running it (counted in [`Pool::dropped`]): the newest request per variant wins. The prepared
//! site data of the scenario is computed once and shared by the workers; the sun's path is kept
//! as long as the site is the same. Results come back over
//! a second bounded channel, with the data the charts derive from them (target progress,
//! load-duration curves) computed on the worker, once per result.
//!
//! Requests are sent at the end of a frame ([`Last`]) and results read in the next frame's
//! [`crate::FrameSet::Bridge`], so a run of a few milliseconds shows in the very next frame and
//! the render thread never waits for the model. Rendering reads [`Sim::result`] and nothing else.
//!
//! Invariant: the result kept for a variant only ever moves to a newer generation.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use crossbeam::channel::{Receiver, Sender, TrySendError, bounded};
use twin_core::analysis::kpi::{TargetProgress, progress};
use twin_core::catalogue::levers::Levers;
use twin_core::model::{HourlyYears, RunOptions, run};
use twin_core::prepare::{Prepared, SunYear};
use twin_core::session::Variant;
use twin_core::{Outcome, Scenario};

/// Requests that may wait for the workers (a session has at most ten variants).
const REQUEST_CAPACITY: usize = 16;
/// Results that may wait for the viewer.
const RESULT_CAPACITY: usize = 16;

/// What a worker is asked to compute.
#[derive(Debug, Clone)]
pub struct Request {
    /// Which variant of the session.
    pub variant: Variant,
    /// Increases with every request; results carry it back.
    pub generation: u64,
    /// The scenario (shared, never copied).
    pub scenario: Arc<Scenario>,
    /// Lever settings to run.
    pub levers: Levers,
    /// The year whose hourly series the outcome keeps.
    pub hourly_year: i32,
}

/// What the charts derive from an outcome, computed once per result on the worker.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// Progress towards every target of the scenario.
    pub progress: Vec<TargetProgress>,
    /// Grid import of the hourly year sorted from the highest hour down: `[rank, MW]`.
    pub load_duration: Vec<[f64; 2]>,
}

impl Derived {
    /// The derived data of one outcome.
    pub fn of(outcome: &Outcome) -> Derived {
        let load_duration =
            outcome.hourly.first().map(|h| load_duration(&h.grid_import_mw)).unwrap_or_default();
        Derived { progress: progress(outcome), load_duration }
    }
}

/// Hours sorted from the highest load down: `[hour rank, MW]`.
pub fn load_duration(load_mw: &[f64]) -> Vec<[f64; 2]> {
    let mut sorted = load_mw.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    sorted.into_iter().enumerate().map(|(i, v)| [i as f64, v]).collect()
}

/// A finished run.
#[derive(Debug, Clone)]
pub struct RunResult {
    /// The variant it is of.
    pub variant: Variant,
    /// Generation of the request this answers.
    pub generation: u64,
    /// The scenario it ran.
    pub scenario: Arc<Scenario>,
    /// The levers it ran.
    pub levers: Levers,
    /// The run.
    pub outcome: Arc<Outcome>,
    /// What the charts derive from it.
    pub derived: Arc<Derived>,
    /// Time the worker spent on it (preparation included when the scenario was new).
    pub compute: Duration,
}

/// A run the model refused to finish (its outcome held a NaN or an infinity).
#[derive(Debug, Clone)]
pub struct RunFailure {
    /// The variant.
    pub variant: Variant,
    /// Generation of the request this answers.
    pub generation: u64,
    /// What went wrong, naming the quantity, year and inputs.
    pub message: String,
}

type Answer = Result<RunResult, RunFailure>;

/// What the workers share of the preparation: the prepared data of the scenario last seen, and
/// the sun's path of the site last seen (a scenario opened again, or edited, on the same site
/// needs no new one: it depends only on the site and the base year).
#[derive(Default)]
struct Preparation {
    prepared: Option<(Arc<Scenario>, Arc<Prepared>)>,
    sun: Option<(SunKey, Arc<SunYear>)>,
}

type PreparedCache = Mutex<Preparation>;

/// What the sun's path depends on (see [`SunYear`]): latitude, longitude, elevation and Linke
/// turbidity (as bits), the UTC offset and the base year.
type SunKey = ([u64; 4], i32, i32);

fn sun_key(scenario: &Scenario) -> SunKey {
    let site = &scenario.site;
    let bits =
        [site.latitude_deg, site.longitude_deg, site.elevation_m, site.linke_turbidity].map(f64::to_bits);
    (bits, site.utc_offset_h, scenario.base_year)
}

/// What the workers share with the pool.
struct Shared {
    /// The newest generation asked for each variant.
    newest: Mutex<HashMap<Variant, u64>>,
    /// Requests dropped because a newer one for the same variant had been sent.
    dropped: AtomicU64,
    prepared: PreparedCache,
    /// Wakes the window when a result is handed over.
    waker: Mutex<crate::redraw::Waker>,
}

/// The worker threads and their two channels.
pub struct Pool {
    requests: Sender<Request>,
    request_rx: Receiver<Request>,
    results: Receiver<Answer>,
    result_tx: Sender<Answer>,
    shared: Arc<Shared>,
    threads: Vec<JoinHandle<()>>,
}

impl Pool {
    /// A pool with `threads` workers.
    pub fn new(threads: usize) -> Pool {
        let (requests, request_rx) = bounded::<Request>(REQUEST_CAPACITY);
        let (result_tx, results) = bounded::<Answer>(RESULT_CAPACITY);
        let shared = Arc::new(Shared {
            newest: Mutex::new(HashMap::new()),
            dropped: AtomicU64::new(0),
            prepared: Mutex::new(Preparation::default()),
            waker: Mutex::new(crate::redraw::Waker::default()),
        });
        let mut pool = Pool { requests, request_rx, results, result_tx, shared, threads: Vec::new() };
        pool.add_workers(threads);
        pool
    }

    /// Starts `n` more workers.
    pub fn add_workers(&mut self, n: usize) {
        for _ in 0..n {
            let (rx, tx, shared) =
                (self.request_rx.clone(), self.result_tx.clone(), Arc::clone(&self.shared));
            let name = format!("twin-sim-{}", self.threads.len());
            if let Ok(handle) =
                std::thread::Builder::new().name(name).spawn(move || worker_loop(&rx, &tx, &shared))
            {
                self.threads.push(handle);
            }
        }
    }

    /// Hands a request to the workers without blocking, marking it the newest for its variant;
    /// gives it back when the queue is full so the caller can retry next frame.
    pub fn try_send(&self, request: Request) -> Option<Request> {
        let (variant, generation) = (request.variant, request.generation);
        match self.requests.try_send(request) {
            Ok(()) => {
                let mut newest = self.shared.newest.lock().unwrap_or_else(PoisonError::into_inner);
                let slot = newest.entry(variant).or_insert(0);
                *slot = (*slot).max(generation);
                None
            }
            Err(TrySendError::Full(r) | TrySendError::Disconnected(r)) => Some(r),
        }
    }

    /// Wakes the window through `waker` whenever a worker hands over a result.
    pub fn set_waker(&self, waker: crate::redraw::Waker) {
        *self.shared.waker.lock().unwrap_or_else(PoisonError::into_inner) = waker;
    }

    /// Every answer ready now, oldest first.
    pub fn ready(&self) -> impl Iterator<Item = Answer> + '_ {
        self.results.try_iter()
    }

    /// Waits up to `limit` for the next answer (for tests and measurements, never in a frame).
    pub fn wait(&self, limit: Duration) -> Option<Answer> {
        self.results.recv_timeout(limit).ok()
    }

    /// Requests dropped unrun because a newer one for the same variant was already sent.
    pub fn dropped(&self) -> u64 {
        self.shared.dropped.load(Ordering::Relaxed)
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        // Closing every request sender ends the workers' loops; closing the result receiver
        // frees a worker waiting to hand over a result. Then they can be joined.
        drop(std::mem::replace(&mut self.requests, bounded(0).0));
        drop(std::mem::replace(&mut self.result_tx, bounded(0).0));
        drop(std::mem::replace(&mut self.results, bounded(0).1));
        for thread in self.threads.drain(..) {
            // A worker that panicked has nothing left to clean up.
            let _ = thread.join();
        }
    }
}

fn worker_loop(requests: &Receiver<Request>, results: &Sender<Answer>, shared: &Shared) {
    while let Ok(request) = requests.recv() {
        let newest =
            shared.newest.lock().unwrap_or_else(PoisonError::into_inner).get(&request.variant).copied();
        if newest.is_some_and(|n| n > request.generation) {
            shared.dropped.fetch_add(1, Ordering::Relaxed);
            continue;
        }
        if results.send(answer(request, &shared.prepared)).is_err() {
            return;
        }
        shared.waker.lock().unwrap_or_else(PoisonError::into_inner).wake();
    }
}

/// The prepared data of `scenario`: the shared one if it is for this scenario, else made now
/// (by the first worker to need it; the others wait for it rather than repeat the work).
fn prepared_for(cache: &PreparedCache, scenario: &Arc<Scenario>) -> Arc<Prepared> {
    let mut cache = cache.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((s, p)) = &cache.prepared
        && Arc::ptr_eq(s, scenario)
    {
        return Arc::clone(p);
    }
    let key = sun_key(scenario);
    let sun = match &cache.sun {
        Some((k, sun)) if *k == key => Arc::clone(sun),
        _ => Arc::new(SunYear::new(scenario)),
    };
    let prepared = Arc::new(Prepared::with_sun(scenario, &sun));
    cache.sun = Some((key, sun));
    cache.prepared = Some((Arc::clone(scenario), Arc::clone(&prepared)));
    prepared
}

fn answer(request: Request, cache: &PreparedCache) -> Answer {
    let started = Instant::now();
    let prepared = prepared_for(cache, &request.scenario);
    let options = RunOptions { hourly_years: HourlyYears::These(vec![request.hourly_year]) };
    match run(&request.scenario, &request.levers, &prepared, &options) {
        Ok(outcome) => Ok(RunResult {
            variant: request.variant,
            generation: request.generation,
            derived: Arc::new(Derived::of(&outcome)),
            outcome: Arc::new(outcome),
            scenario: request.scenario,
            levers: request.levers,
            compute: started.elapsed(),
        }),
        Err(e) => Err(RunFailure {
            variant: request.variant,
            generation: request.generation,
            message: e.to_string(),
        }),
    }
}

/// What was last sent for a variant.
#[derive(Debug, Clone)]
struct Sent {
    scenario: Arc<Scenario>,
    levers: Levers,
    hourly_year: i32,
}

impl Sent {
    fn answers(&self, scenario: &Arc<Scenario>, levers: &Levers, hourly_year: i32) -> bool {
        Arc::ptr_eq(&self.scenario, scenario) && self.levers == *levers && self.hourly_year == hourly_year
    }
}

/// The model state the viewer works on: the levers wanted for each variant, and the newest
/// result of each.
#[derive(Resource)]
pub struct Sim {
    /// The scenario every variant runs on.
    pub scenario: Arc<Scenario>,
    /// The year whose hourly series charts show.
    pub hourly_year: i32,
    wanted: BTreeMap<Variant, Levers>,
    sent: BTreeMap<Variant, Sent>,
    pending: VecDeque<Request>,
    results: BTreeMap<Variant, RunResult>,
    failures: BTreeMap<Variant, String>,
    busy_since: Option<Instant>,
    generation: u64,
    pool: Pool,
}

impl Sim {
    /// Wakes the window through `waker` whenever a result is ready.
    pub fn set_waker(&self, waker: crate::redraw::Waker) {
        self.pool.set_waker(waker);
    }

    /// A bridge for `scenario` with a worker per core (at least one, at most four); it wants
    /// the baseline until told otherwise.
    pub fn new(scenario: Scenario) -> Sim {
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
        Sim::with_pool(Arc::new(scenario), Pool::new(threads))
    }

    /// A bridge on a pool made by the caller (tests start a pool without workers).
    pub fn with_pool(scenario: Arc<Scenario>, pool: Pool) -> Sim {
        let hourly_year = (scenario.base_year + 5).min(scenario.end_year);
        let wanted = BTreeMap::from([(Variant::Baseline, scenario.levers)]);
        Sim {
            scenario,
            hourly_year,
            wanted,
            sent: BTreeMap::new(),
            pending: VecDeque::new(),
            results: BTreeMap::new(),
            failures: BTreeMap::new(),
            busy_since: None,
            generation: 0,
            pool,
        }
    }

    /// Switches every variant to another scenario (old results stay until the new arrive).
    pub fn set_scenario(&mut self, scenario: Arc<Scenario>) {
        if Arc::ptr_eq(&self.scenario, &scenario) {
            return;
        }
        self.hourly_year = self.hourly_year.clamp(scenario.base_year, scenario.end_year);
        self.scenario = scenario;
    }

    /// The variants to compute and their levers; variants no longer wanted are forgotten.
    pub fn want(&mut self, wanted: BTreeMap<Variant, Levers>) {
        self.results.retain(|v, _| wanted.contains_key(v));
        self.failures.retain(|v, _| wanted.contains_key(v));
        self.sent.retain(|v, _| wanted.contains_key(v));
        self.wanted = wanted;
    }

    /// The levers wanted for a variant.
    pub fn wanted(&self, variant: Variant) -> Option<&Levers> {
        self.wanted.get(&variant)
    }

    /// The newest result of a variant.
    pub fn result(&self, variant: Variant) -> Option<&RunResult> {
        self.results.get(&variant)
    }

    /// Why the newest request of a variant could not be computed (its result is then older).
    pub fn failure(&self, variant: Variant) -> Option<&str> {
        self.failures.get(&variant).map(String::as_str)
    }

    /// Whether the result of `variant` answers what is wanted for it now.
    pub fn up_to_date(&self, variant: Variant) -> bool {
        let (Some(result), Some(levers)) = (self.results.get(&variant), self.wanted.get(&variant)) else {
            return false;
        };
        Arc::ptr_eq(&result.scenario, &self.scenario)
            && result.levers == *levers
            && result.outcome.hourly.iter().any(|h| h.year == self.hourly_year)
    }

    /// Whether every wanted variant's result is up to date.
    pub fn all_up_to_date(&self) -> bool {
        self.wanted.keys().all(|v| self.up_to_date(*v))
    }

    /// Requests dropped unrun by the workers because a newer one had come.
    pub fn dropped(&self) -> u64 {
        self.pool.dropped()
    }

    /// Queues a request for every wanted variant whose levers, scenario or hourly year differ
    /// from what was last sent, and hands the queue to the workers. Never blocks.
    pub fn send_changes(&mut self) {
        let stale: Vec<(Variant, Levers)> = self
            .wanted
            .iter()
            .filter(|(v, l)| {
                !self.sent.get(v).is_some_and(|s| s.answers(&self.scenario, l, self.hourly_year))
            })
            .map(|(v, l)| (*v, *l))
            .collect();
        for (variant, levers) in stale {
            self.generation += 1;
            // A request still queued here for the same variant is superseded.
            self.pending.retain(|r| r.variant != variant);
            self.pending.push_back(Request {
                variant,
                generation: self.generation,
                scenario: Arc::clone(&self.scenario),
                levers,
                hourly_year: self.hourly_year,
            });
            let sent = Sent { scenario: Arc::clone(&self.scenario), levers, hourly_year: self.hourly_year };
            self.sent.insert(variant, sent);
            self.busy_since.get_or_insert_with(Instant::now);
        }
        while let Some(request) = self.pending.pop_front() {
            if let Some(back) = self.pool.try_send(request) {
                self.pending.push_front(back);
                break;
            }
        }
    }

    /// Whether something must be sent (cheap; lets the frame skip touching the resource).
    pub fn needs_sending(&self) -> bool {
        !self.pending.is_empty()
            || self.wanted.iter().any(|(v, l)| {
                !self.sent.get(v).is_some_and(|s| s.answers(&self.scenario, l, self.hourly_year))
            })
    }

    /// Takes every answer ready; keeps the newest result per variant, and the failure of the
    /// newest request of a variant if it failed. Returns the variants whose result changed.
    pub fn receive(&mut self) -> Vec<Variant> {
        let mut changed = Vec::new();
        let answers: Vec<Answer> = self.pool.ready().collect();
        for answer in answers {
            match answer {
                Ok(result) => {
                    let newer =
                        self.results.get(&result.variant).is_none_or(|r| result.generation > r.generation);
                    if newer && self.wanted.contains_key(&result.variant) {
                        self.failures.remove(&result.variant);
                        changed.push(result.variant);
                        self.results.insert(result.variant, result);
                    }
                }
                Err(failure) => {
                    if self.wanted.contains_key(&failure.variant) {
                        self.failures.insert(failure.variant, failure.message);
                    }
                }
            }
        }
        if self.all_up_to_date()
            || self.wanted.keys().all(|v| self.up_to_date(*v) || self.failures.contains_key(v))
        {
            self.busy_since = None;
        }
        changed
    }

    /// How long the oldest unanswered request has been waiting, if any.
    pub fn busy_for(&self) -> Option<Duration> {
        self.busy_since.map(|t| t.elapsed())
    }
}

/// The bridge's place in the frame.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct SendSet;

/// Registers the bridge systems. The app inserts [`Sim`] itself (it owns the scenario).
pub fn plugin(app: &mut App) {
    app.configure_sets(Last, SendSet)
        .add_systems(Update, receive_results.in_set(crate::FrameSet::Bridge))
        .add_systems(Last, send_changes.in_set(SendSet));
}

fn receive_results(sim: Option<ResMut<Sim>>) {
    if let Some(mut sim) = sim {
        sim.receive();
    }
}

fn send_changes(sim: Option<ResMut<Sim>>) {
    if let Some(mut sim) = sim {
        // Only touch the resource (and its change tick) when something must go out.
        if sim.needs_sending() {
            sim.send_changes();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_duration_is_sorted_and_keeps_every_hour() {
        let ld = load_duration(&[1.0, 5.0, 3.0]);
        assert_eq!(ld, vec![[0.0, 5.0], [1.0, 3.0], [2.0, 1.0]]);
    }
}
