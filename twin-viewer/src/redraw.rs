//! Rendering only when something changed. The window sleeps until input arrives, a result or a
//! file comes back from a thread (each thread wakes it through the [`Waker`] when it hands
//! something over), an animation runs (the timeline playing, a replay: a redraw per frame while
//! it lasts), or a clock must tick: once a second while the phase clock runs or a kiosk counts
//! its idle time, else every [`IDLE_WAIT`] for the time of day. A kiosk PC or a virtual machine
//! that renders in software then spends its CPU on the frames people see, not on repainting a
//! still picture. Automation (`--screenshot`, `--measure`) renders continuously.
//!
//! bevy_egui hands egui the modifier keys as an event every frame, and egui asks for another
//! frame after any event, so the window would never sleep: only a real change of the modifier
//! keys is passed on ([`drop_unchanged_modifiers`]).

use std::sync::Arc;
use std::time::Duration;

use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy::winit::{EventLoopProxyWrapper, UpdateMode, WinitSettings, WinitUserEvent};
use bevy_egui::{EguiInput, EguiPreUpdateSet};

use crate::view::ViewState;
use crate::workshop::Workshop;

/// How long the window sleeps without input while a clock on screen ticks by the second.
pub const CLOCK_WAIT: Duration = Duration::from_secs(1);
/// How long it sleeps otherwise (the time of day in the projector's corner shows minutes).
pub const IDLE_WAIT: Duration = Duration::from_secs(10);

/// Wakes the window from another thread (a no-op where there is no window, as in tests).
#[derive(Resource, Clone, Default)]
pub struct Waker(Option<Arc<dyn Fn() + Send + Sync>>);

impl Waker {
    /// Asks for a frame now.
    pub fn wake(&self) {
        if let Some(wake) = &self.0 {
            wake();
        }
    }
}

/// Renders continuously (automation): the wait policy is not applied.
#[derive(Resource, Debug, Clone, Copy)]
pub struct Continuous;

/// Registers the waker and the wait policy.
pub fn plugin(app: &mut App) {
    app.init_resource::<Waker>()
        .add_systems(PreStartup, install_waker)
        .add_systems(
            PreUpdate,
            drop_unchanged_modifiers
                .after(EguiPreUpdateSet::ProcessInput)
                .before(EguiPreUpdateSet::BeginPass),
        )
        .add_systems(Last, (animate, set_wait.run_if(not(resource_exists::<Continuous>))));
}

/// Makes the waker from the window's event loop, and gives it to the model's workers.
fn install_waker(
    proxy: Option<Res<EventLoopProxyWrapper>>,
    mut waker: ResMut<Waker>,
    sim: Option<Res<crate::sim::Sim>>,
) {
    if let Some(proxy) = proxy {
        let proxy = (**proxy).clone();
        // A closed event loop means the window is gone: nobody to wake.
        *waker = Waker(Some(Arc::new(move || {
            let _ = proxy.send_event(WinitUserEvent::WakeUp);
        })));
    }
    if let Some(sim) = sim {
        sim.set_waker(waker.clone());
    }
}

/// Drops each context's "modifiers changed" event that repeats the modifiers it last had.
pub fn drop_unchanged_modifiers(
    mut inputs: Query<(Entity, &mut EguiInput)>,
    mut last: Local<std::collections::HashMap<Entity, egui::Modifiers>>,
) {
    for (context, mut input) in &mut inputs {
        input.events.retain(|event| match event {
            egui::Event::ModifiersChanged(now) => last.insert(context, *now) != Some(*now),
            _ => true,
        });
    }
}

/// A redraw every frame while something moves on its own.
fn animate(view: Res<ViewState>, workshop: Res<Workshop>, mut redraw: MessageWriter<RequestRedraw>) {
    if view.playing || workshop.replay.is_some() {
        redraw.write(RequestRedraw);
    }
}

/// How long to sleep without input: a second while a clock ticks on screen, else [`IDLE_WAIT`].
pub fn wait(workshop: &Workshop, kiosk: bool) -> Duration {
    let clock = workshop.session.room.agenda.current.is_some();
    if clock || kiosk { CLOCK_WAIT } else { IDLE_WAIT }
}

fn set_wait(
    workshop: Res<Workshop>,
    kiosk: Option<Res<crate::kiosk::Kiosk>>,
    settings: Option<ResMut<WinitSettings>>,
) {
    let Some(mut settings) = settings else { return };
    let wait = wait(&workshop, kiosk.is_some());
    let wanted = WinitSettings {
        focused_mode: UpdateMode::reactive(wait),
        unfocused_mode: UpdateMode::reactive_low_power(wait),
    };
    if settings.focused_mode != wanted.focused_mode || settings.unfocused_mode != wanted.unfocused_mode {
        *settings = wanted;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use twin_core::session::{ScenarioCopy, Session};

    #[test]
    fn a_running_phase_clock_or_a_kiosk_ticks_every_second_else_the_window_sleeps_longer() {
        let text = include_str!("../../scenarios/baerum.ron").to_owned();
        let session = Session::new("Verksted", ScenarioCopy::new(None, text), jiff::Timestamp::UNIX_EPOCH);
        let mut workshop = Workshop::new(session, None);
        assert_eq!(wait(&workshop, false), IDLE_WAIT);
        assert_eq!(wait(&workshop, true), CLOCK_WAIT);
        let phases = twin_core::session::room::Agenda::standard(["a"; 10]).phases;
        let change = workshop.session.set_phases(phases);
        workshop.apply(change).expect("phases");
        let start = workshop.session.go_to_phase(Some(0), jiff::Timestamp::UNIX_EPOCH);
        workshop.apply(start).expect("started");
        assert_eq!(wait(&workshop, false), CLOCK_WAIT);
    }

    #[test]
    fn a_repeated_modifiers_event_is_dropped_and_a_change_passes() {
        let mut world = World::new();
        let context = world.spawn(EguiInput::default()).id();
        let mut schedule = Schedule::default();
        schedule.add_systems(drop_unchanged_modifiers);
        let mut frame = |modifiers: egui::Modifiers| {
            let mut input = world.get_mut::<EguiInput>(context).expect("the context");
            input.events = vec![egui::Event::ModifiersChanged(modifiers), egui::Event::WindowFocused(true)];
            schedule.run(&mut world);
            world.get::<EguiInput>(context).expect("the context").events.len()
        };
        assert_eq!(frame(egui::Modifiers::NONE), 2, "the first is news");
        assert_eq!(frame(egui::Modifiers::NONE), 1, "the same again is dropped, other events stay");
        assert_eq!(frame(egui::Modifiers::CTRL), 2, "a key pressed passes");
        assert_eq!(frame(egui::Modifiers::NONE), 2, "and released");
    }

    #[test]
    fn the_waker_calls_back_and_a_default_one_does_nothing() {
        let calls = Arc::new(std::sync::atomic::AtomicU32::new(0));
        let counted = Arc::clone(&calls);
        let waker = Waker(Some(Arc::new(move || {
            counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        })));
        waker.clone().wake();
        Waker::default().wake();
        assert_eq!(calls.load(std::sync::atomic::Ordering::Relaxed), 1);
    }
}
