//! The window's panels (egui): the top bar, the timeline at the bottom, the levers on the left,
//! the KPI cards and charts on the right, and overlays on the map (legend, hover card, the
//! "computing" sign, notices). One system lays them out in that order each frame, so each panel
//! takes its room before the map gets what is left.
//!
//! The panel contents are plain functions in the submodules; this module only wires them to the
//! ECS resources.

pub mod charts;
pub mod dashboard;
pub mod levers;

use std::sync::Arc;
use std::time::Duration;

use bevy::camera::visibility::RenderLayers;
use bevy::camera::{CameraOutputMode, ClearColorConfig};
use bevy::prelude::*;
use bevy::render::render_resource::BlendState;
use bevy_egui::{
    EguiContexts, EguiGlobalSettings, EguiPlugin, EguiPrimaryContextPass, PrimaryEguiContext, egui,
};
use egui::{Align2, Color32, RichText, Ui};
use twin_core::Scenario;
use twin_core::analysis::quantity::DISTRICT_QUANTITIES;

use crate::files::{FileRequest, Files};
use crate::map::MapState;
use crate::palette;
use crate::sim::Sim;
use crate::view::{Lang, Notice, ViewState, fmt_num, unit};

/// Seconds per year while the timeline plays.
const PLAY_S_PER_YEAR: f32 = 0.5;
/// A run slower than this shows the "computing" sign.
const QUIET_AFTER: Duration = Duration::from_millis(20);

/// The scenario's parameters as a tree, made once per scenario for the expert section.
#[derive(Resource, Default)]
struct Parameters(Option<(Arc<Scenario>, serde_json::Value)>);

/// Registers egui and the panels.
pub fn plugin(app: &mut App) {
    app.add_plugins(EguiPlugin::default())
        .init_resource::<Parameters>()
        .add_systems(Startup, spawn_ui_camera)
        .add_systems(EguiPrimaryContextPass, layout)
        .add_systems(Update, (play, timeline_keys));
}

/// egui draws through a camera of its own over the whole window, so the map camera's viewport
/// (the room between the panels) does not clip the panels.
fn spawn_ui_camera(mut commands: Commands, mut settings: ResMut<EguiGlobalSettings>) {
    settings.auto_create_primary_context = false;
    commands.spawn((
        PrimaryEguiContext,
        Camera2d,
        RenderLayers::none(),
        Camera {
            order: 1,
            output_mode: CameraOutputMode::Write {
                blend_state: Some(BlendState::ALPHA_BLENDING),
                clear_color: ClearColorConfig::None,
            },
            clear_color: ClearColorConfig::Custom(Color::NONE),
            ..default()
        },
    ));
}

#[allow(clippy::too_many_arguments)] // one system owns the frame's layout, so it sees every resource it draws
fn layout(
    mut contexts: EguiContexts,
    mut sim: ResMut<Sim>,
    mut view: ResMut<ViewState>,
    map: Res<MapState>,
    files: Res<Files>,
    mut parameters: ResMut<Parameters>,
    mut requests: MessageWriter<FileRequest>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let zoom = if view.presenter { 1.45 } else { 1.1 };
    if (ctx.zoom_factor() - zoom).abs() > 1e-3 {
        ctx.set_zoom_factor(zoom);
    }
    let mut root = Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(ctx.viewport_rect()),
    );
    let lang = view.lang;

    egui::Panel::top("top-bar").show(&mut root, |ui| {
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&sim.scenario.name).size(22.0).strong());
            ui.separator();
            let file_name = files
                .path
                .as_ref()
                .map_or(crate::scenarios::DEFAULT_NAME.to_owned(), |p| p.display().to_string());
            ui.label(RichText::new(file_name).weak());
            ui.separator();
            if ui.button(lang.pick("Åpne…", "Opne…", "Open…")).on_hover_text("Ctrl+O").clicked() {
                requests.write(FileRequest::Open);
            }
            if ui.button(lang.pick("Lagre", "Lagra", "Save")).on_hover_text("Ctrl+S").clicked() {
                requests.write(FileRequest::Save);
            }
            if ui
                .button(lang.pick("Lagre som…", "Lagra som…", "Save as…"))
                .on_hover_text("Ctrl+Shift+S")
                .clicked()
            {
                requests.write(FileRequest::SaveAs);
            }
            ui.separator();
            ui.label(lang.pick("Kart:", "Kart:", "Map:"));
            let mut quantity = view.quantity;
            egui::ComboBox::from_id_salt("map-quantity").selected_text(view.quantity_name()).show_ui(
                ui,
                |ui| {
                    for (i, q) in DISTRICT_QUANTITIES.iter().enumerate() {
                        ui.selectable_value(&mut quantity, i, lang.pick(q.name_nb, q.name_nn, q.name));
                    }
                },
            );
            if quantity != view.quantity {
                view.quantity = quantity;
            }
            let mut raised = view.raised;
            if ui
                .checkbox(&mut raised, lang.pick("Høyde", "Høgd", "Height"))
                .on_hover_text(lang.pick(
                    "Løft bydelene i forhold til verdien",
                    "Løft bydelane i høve til verdien",
                    "Raise districts in proportion to the value",
                ))
                .changed()
            {
                view.raised = raised;
            }
            ui.separator();
            let mut presenter = view.presenter;
            if ui
                .toggle_value(&mut presenter, lang.pick("Storskjerm", "Storskjerm", "Presenter"))
                .on_hover_text("F5")
                .changed()
            {
                view.presenter = presenter;
            }
            let mut chosen = view.lang;
            egui::ComboBox::from_id_salt("language").selected_text(chosen.name()).show_ui(ui, |ui| {
                for l in Lang::ALL {
                    ui.selectable_value(&mut chosen, l, l.name());
                }
            });
            if chosen != view.lang {
                view.lang = chosen;
            }
        });
        ui.add_space(2.0);
    });

    egui::Panel::bottom("timeline").show(&mut root, |ui| {
        ui.add_space(4.0);
        let (base, end) = (sim.scenario.base_year, sim.scenario.end_year);
        ui.horizontal(|ui| {
            let label = if view.playing { "⏸" } else { "▶" };
            if ui
                .add(egui::Button::new(RichText::new(label).size(22.0)))
                .on_hover_text(lang.pick("Spill av (mellomrom)", "Spel av (mellomrom)", "Play (space)"))
                .clicked()
            {
                toggle_play(&mut view, base, end);
            }
            ui.label(RichText::new(view.year.to_string()).size(26.0).strong());
            let mut year = view.year;
            ui.spacing_mut().slider_width = (ui.available_width() - 80.0).max(100.0);
            if ui.add(egui::Slider::new(&mut year, base..=end).show_value(false)).changed() {
                view.year = year;
                view.playing = false;
            }
        });
        ui.label(RichText::new(crate::geo::ATTRIBUTION).small().weak());
    });

    egui::Panel::left("levers").resizable(true).default_size(360.0).show(&mut root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.spacing_mut().slider_width = (ui.available_width() - 110.0).max(120.0);
            let mut levers = sim.levers;
            let own = sim.scenario.levers;
            if levers::levers_ui(ui, &mut levers, &own, lang) {
                sim.levers = levers;
            }
            ui.add_space(6.0);
            let fresh = parameters.0.as_ref().is_none_or(|(s, _)| !Arc::ptr_eq(s, &sim.scenario));
            if fresh {
                let tree = serde_json::to_value(&sim.scenario.raw).unwrap_or(serde_json::Value::Null);
                parameters.0 = Some((Arc::clone(&sim.scenario), tree));
            }
            if let Some((_, tree)) = &parameters.0 {
                levers::parameters_ui(ui, tree, lang);
            }
        });
    });

    let Some(shown) = sim.shown.clone() else {
        egui::CentralPanel::default().show(&mut root, |ui| {
            ui.centered_and_justified(|ui| ui.spinner());
        });
        view.map_rect = None;
        return Ok(());
    };
    egui::Panel::top("kpis").show(&mut root, |ui| {
        ui.add_space(6.0);
        let progress = twin_core::analysis::kpi::progress(&shown.outcome);
        dashboard::kpi_cards_ui(ui, &shown.outcome, &shown.baseline, &progress, view.year, lang);
        ui.add_space(2.0);
    });

    let width = (root.available_width() * 0.45).clamp(360.0, 760.0);
    egui::Panel::right("charts").exact_size(width).show(&mut root, |ui| {
        let mut hourly_year = sim.hourly_year;
        let input = charts::ChartInput {
            outcome: &shown.outcome,
            baseline: &shown.baseline,
            district: view.selected,
            year: view.year,
            grid_capacity_mw: sim.scenario.grid.import_capacity_mw,
            lang,
        };
        let mut chart = view.chart;
        ui.add_space(4.0);
        if matches!(chart, crate::view::ChartKind::WinterWeek | crate::view::ChartKind::LoadDuration) {
            ui.horizontal(|ui| {
                ui.label(lang.pick("År for timeverdier:", "År for timeverdiar:", "Year for hourly values:"));
                ui.add(
                    egui::DragValue::new(&mut hourly_year)
                        .range(sim.scenario.base_year..=sim.scenario.end_year),
                );
            });
        }
        dashboard::charts_ui(ui, &mut chart, &input);
        if chart != view.chart {
            view.chart = chart;
        }
        if hourly_year != sim.hourly_year {
            sim.hourly_year = hourly_year;
        }
    });

    let rect = root.available_rect_before_wrap();
    view.map_rect = Some([rect.min.x, rect.min.y, rect.max.x, rect.max.y]);
    let pointer = ctx.input(|i| i.pointer.hover_pos());
    view.pointer_on_map = pointer.is_some_and(|p| {
        rect.contains(p)
            && ctx.layer_id_at(p).is_none_or(|l| l.order == egui::Order::Background)
            && !ctx.egui_is_using_pointer()
    });
    view.keys_free = !ctx.text_edit_focused();
    view.focus_free = !ctx.egui_wants_keyboard_input();

    map_overlays(&ctx, rect, &sim, &mut view, &map, &files);
    Ok(())
}

/// Legend, hover card, "computing" sign, notices and the map's own error, over the map.
fn map_overlays(
    ctx: &egui::Context,
    rect: egui::Rect,
    sim: &Sim,
    view: &mut ViewState,
    map: &MapState,
    files: &Files,
) {
    let lang = view.lang;
    let quantity = &DISTRICT_QUANTITIES[view.quantity];
    if let Some((lo, hi)) = map.scale {
        egui::Area::new("legend".into())
            .fixed_pos(rect.left_bottom() + egui::vec2(12.0, -12.0))
            .pivot(Align2::LEFT_BOTTOM)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    legend_ui(ui, view.quantity_name(), &unit(lang, quantity.unit), lo, hi, view.year, lang)
                });
            });
    }
    if let Some(error) = &map.error {
        egui::Area::new("map-error".into()).fixed_pos(rect.center()).pivot(Align2::CENTER_CENTER).show(
            ctx,
            |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| ui.label(error));
            },
        );
    }
    if let (Some(d), Some(shown)) = (view.hovered, sim.shown.as_ref())
        && let Some(pos) = ctx.input(|i| i.pointer.hover_pos())
    {
        let outcome = &shown.outcome;
        if let (Some(name), Some(y), Some(b)) = (
            outcome.district_names.get(d),
            outcome.year(view.year).and_then(|y| y.districts.get(d)),
            shown.baseline.year(view.year).and_then(|y| y.districts.get(d)),
        ) {
            egui::Area::new("hover".into()).fixed_pos(pos + egui::vec2(18.0, 18.0)).interactable(false).show(
                ctx,
                |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.label(RichText::new(format!("{name} · {}", view.year)).strong().size(16.0));
                        egui::Grid::new("hover-grid").show(ui, |ui| {
                            for q in DISTRICT_QUANTITIES.iter() {
                                ui.label(lang.pick(q.name_nb, q.name_nn, q.name));
                                ui.label(
                                    RichText::new(format!(
                                        "{} {}",
                                        fmt_num((q.value)(y)),
                                        unit(lang, q.unit)
                                    ))
                                    .strong(),
                                );
                                ui.label(
                                    RichText::new(format!(
                                        "({} {})",
                                        lang.pick("ref.", "ref.", "base"),
                                        fmt_num((q.value)(b))
                                    ))
                                    .weak(),
                                );
                                ui.end_row();
                            }
                        });
                        ui.label(
                            RichText::new(lang.pick(
                                "Klikk for å velge bydelen i grafene",
                                "Klikk for å velja bydelen i grafane",
                                "Click to narrow the charts to this district",
                            ))
                            .weak()
                            .small(),
                        );
                    });
                },
            );
        }
    }
    if let Some(failure) = &sim.failure {
        egui::Area::new("run-failure".into())
            .fixed_pos(rect.center_bottom() + egui::vec2(0.0, -16.0))
            .pivot(Align2::CENTER_BOTTOM)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(560.0);
                    ui.label(
                        RichText::new(lang.pick(
                            "Modellen kunne ikke regne ut disse innstillingene; viser forrige resultat.",
                            "Modellen kunne ikkje rekna ut desse innstillingane; viser førre resultat.",
                            "The model could not compute these settings; showing the previous result.",
                        ))
                        .color(palette::TARGET)
                        .strong(),
                    );
                    ui.label(RichText::new(failure).monospace().small());
                });
            });
    }
    let busy = sim.busy_for().is_some_and(|d| d > QUIET_AFTER) || files.dialog_open();
    if busy {
        egui::Area::new("busy".into())
            .fixed_pos(rect.right_top() + egui::vec2(-12.0, 12.0))
            .pivot(Align2::RIGHT_TOP)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(lang.pick("Beregner…", "Reknar…", "Computing…"));
                    });
                });
            });
    }
    if let Some(selected) = view.selected
        && let Some(shown) = sim.shown.as_ref()
        && let Some(name) = shown.outcome.district_names.get(selected)
    {
        let mut clear = false;
        egui::Area::new("selected".into()).fixed_pos(rect.left_top() + egui::vec2(12.0, 12.0)).show(
            ctx,
            |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(
                            RichText::new(format!("{}: {name}", lang.pick("Valgt", "Vald", "Selected")))
                                .strong(),
                        );
                        clear = ui
                            .small_button("×")
                            .on_hover_text(lang.pick("Hele kommunen", "Heile kommunen", "Whole municipality"))
                            .clicked();
                    });
                });
            },
        );
        if clear {
            view.selected = None;
        }
    }
    let mut dismiss = false;
    if let Some(notice) = &view.notice {
        let (title, text, colour) = match notice {
            Notice::Info(t) => {
                (lang.pick("Melding", "Melding", "Notice"), t.as_str(), Color32::from_rgb(0x00, 0x72, 0xB2))
            }
            Notice::Error(t) => (
                lang.pick(
                    "Kunne ikke åpne eller lagre",
                    "Kunne ikkje opne eller lagra",
                    "Could not open or save",
                ),
                t.as_str(),
                palette::TARGET,
            ),
            Notice::Warning(t) => (
                lang.pick(
                    "Uvanlige verdier i scenarioet",
                    "Uvanlege verdiar i scenarioet",
                    "Unusual values in the scenario",
                ),
                t.as_str(),
                palette::WARNING,
            ),
        };
        egui::Window::new(RichText::new(title).color(colour).strong())
            .id("notice".into())
            .collapsible(false)
            .resizable(false)
            .anchor(Align2::CENTER_TOP, egui::vec2(0.0, rect.top() + 40.0))
            .show(ctx, |ui| {
                ui.set_max_width(560.0);
                ui.label(RichText::new(text).monospace());
                match notice {
                    Notice::Error(_) => {
                        ui.label(lang.pick(
                            "Scenarioet som var åpent, er beholdt.",
                            "Scenarioet som var ope, er halde på.",
                            "The scenario that was open is kept.",
                        ));
                    }
                    Notice::Warning(_) => {
                        ui.label(lang.pick(
                            "Scenarioet kjører likevel; sjekk verdiene i fila.",
                            "Scenarioet køyrer likevel; sjekk verdiane i fila.",
                            "The scenario runs all the same; check these values in the file.",
                        ));
                    }
                    Notice::Info(_) => {}
                }
                dismiss = ui.button("OK").clicked();
            });
    }
    if dismiss {
        view.notice = None;
    }
}

/// The map's colour scale with its quantity, unit and the year.
pub fn legend_ui(ui: &mut Ui, name: &str, unit: &str, lo: f64, hi: f64, year: i32, lang: Lang) {
    ui.label(RichText::new(format!("{name} · {year}")).strong());
    let (rect, _) = ui.allocate_exact_size(egui::vec2(240.0, 16.0), egui::Sense::hover());
    let steps = 48;
    for i in 0..steps {
        let t0 = i as f32 / steps as f32;
        let t1 = (i + 1) as f32 / steps as f32;
        let r = egui::Rect::from_min_max(
            egui::pos2(rect.left() + rect.width() * t0, rect.top()),
            egui::pos2(rect.left() + rect.width() * t1 + 0.5, rect.bottom()),
        );
        ui.painter().rect_filled(r, 0.0, palette::sequential(f64::from(t0)));
    }
    ui.horizontal(|ui| {
        ui.set_width(240.0);
        ui.label(format!("≤ {}", fmt_num(lo)));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(format!("≥ {} {unit}", fmt_num(hi)));
        });
    });
    ui.label(
        RichText::new(lang.pick(
            "Samme skala for alle år",
            "Same skala for alle år",
            "Same scale for every year",
        ))
        .small()
        .weak(),
    );
}

/// Plays or pauses; playing from the last year starts again at the first.
fn toggle_play(view: &mut ViewState, base: i32, end: i32) {
    view.playing = !view.playing;
    if view.playing && view.year >= end {
        view.year = base;
    }
    view.play_clock_s = 0.0;
}

/// Advances the timeline while it plays.
fn play(time: Res<Time>, sim: Res<Sim>, mut view: ResMut<ViewState>) {
    let (base, end) = (sim.scenario.base_year, sim.scenario.end_year);
    if view.year < base || view.year > end {
        view.year = view.year.clamp(base, end);
    }
    if !view.playing {
        return;
    }
    view.play_clock_s += time.delta_secs();
    if view.play_clock_s >= PLAY_S_PER_YEAR {
        view.play_clock_s = 0.0;
        if view.year < end {
            view.year += 1;
        }
        if view.year >= end {
            view.playing = false;
        }
    }
}

/// Space plays, Page Up/Down step years, F5 toggles presenter mode.
fn timeline_keys(keys: Res<ButtonInput<KeyCode>>, sim: Res<Sim>, mut view: ResMut<ViewState>) {
    if !view.keys_free {
        return;
    }
    let (base, end) = (sim.scenario.base_year, sim.scenario.end_year);
    if keys.just_pressed(KeyCode::Space) && view.focus_free {
        toggle_play(&mut view, base, end);
    }
    if keys.just_pressed(KeyCode::PageUp) {
        view.year = (view.year + 1).min(end);
    }
    if keys.just_pressed(KeyCode::PageDown) {
        view.year = (view.year - 1).max(base);
    }
    if keys.just_pressed(KeyCode::F5) {
        view.presenter = !view.presenter;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    #[test]
    fn legend_names_quantity_unit_and_range() {
        let harness = Harness::new_ui(|ui| {
            legend_ui(ui, "Utslipp per innbygger", "t CO2e/person", 0.25, 1.5, 2030, Lang::Nb)
        });
        harness.get_by_label("Utslipp per innbygger · 2030");
        harness.get_by_label("≤ 0,250");
        harness.get_by_label("≥ 1,50 t CO2e/person");
    }
}
