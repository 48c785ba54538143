//! What the viewer does differently when the CPU draws the picture (Mesa's llvmpipe, which a
//! kiosk PC or a virtual machine without a GPU falls back to), where every shader instruction is
//! paid per pixel.
//!
//! egui's shader converts each fragment's colour from linear to sRGB gamma and back with `pow`,
//! six of them a pixel: about 11 ms of a 78 ms frame at 1280x720 (debug build). Drawn by the CPU, the viewer
//! swaps in the same shader with sRGB's two curves as polynomials (`shaders/egui_software.wgsl`),
//! within 0.12/255 of the exact colour, so a pixel differs by at most one step of 255. With a GPU
//! bevy_egui's own shader is kept. Setting `TWIN_VIEWER_EGUI_SHADER=bevy_egui` keeps it in
//! software too, to compare the pictures.
//!
//! Light clusters are computed on the CPU there too, instead of by bevy's compute passes.

use bevy::light::cluster::GlobalClusterSettings;
use bevy::prelude::*;
use bevy::render::renderer::RenderAdapterInfo;
use bevy::shader::Shader;

/// The environment variable that keeps bevy_egui's shader when the CPU draws.
pub const KEEP_SHADER_ENV: &str = "TWIN_VIEWER_EGUI_SHADER";

/// The shader drawn in software.
const EGUI_SOFTWARE_WGSL: &str = include_str!("shaders/egui_software.wgsl");

/// Registers the changes (they look at the adapter once the renderer has chosen it).
pub fn plugin(app: &mut App) {
    app.add_systems(PostStartup, (swap_egui_shader, cluster_on_cpu));
}

/// Light clusters computed on the CPU: bevy's GPU clustering runs compute passes every frame
/// (about 1 ms of llvmpipe's time at 1280x720) for a map that has one cluster and no lights.
fn cluster_on_cpu(adapter: Option<Res<RenderAdapterInfo>>, settings: Option<ResMut<GlobalClusterSettings>>) {
    if !drawn_by_cpu(adapter.as_deref()) {
        return;
    }
    if let Some(mut settings) = settings {
        settings.gpu_clustering = None;
    }
}

/// Whether the picture is drawn by the CPU.
pub fn drawn_by_cpu(adapter: Option<&RenderAdapterInfo>) -> bool {
    adapter.is_some_and(|a| a.device_type == wgpu_types::DeviceType::Cpu)
}

fn swap_egui_shader(adapter: Option<Res<RenderAdapterInfo>>, shaders: Option<ResMut<Assets<Shader>>>) {
    let keep = std::env::var(KEEP_SHADER_ENV).is_ok_and(|v| v == "bevy_egui");
    if keep || !drawn_by_cpu(adapter.as_deref()) {
        return;
    }
    let Some(mut shaders) = shaders else { return };
    let id = bevy_egui::render::EGUI_SHADER_HANDLE.id();
    let shader = Shader::from_wgsl(EGUI_SOFTWARE_WGSL, "twin-viewer/src/shaders/egui_software.wgsl");
    if let Err(e) = shaders.insert(id, shader) {
        warn!("egui's shader for software rendering was not swapped in: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The constants `NAME0`, `NAME1`, … of the shader, in order.
    fn coefficients(name: &str) -> Vec<f32> {
        (0..)
            .map_while(|k| {
                let line = EGUI_SOFTWARE_WGSL
                    .lines()
                    .find(|l| l.starts_with(&format!("const {name}{k}: f32 = ")))?;
                let value = line.rsplit('=').next()?.trim().trim_end_matches(';');
                Some(value.parse::<f32>().expect("a number"))
            })
            .collect()
    }

    /// Horner's scheme in single precision, as the shader computes it.
    fn polynomial(c: &[f32], x: f32) -> f32 {
        c.iter().rev().fold(0.0, |acc, &ck| ck + x * acc)
    }

    fn decode_exact(x: f64) -> f64 {
        if x < 0.04045 { x / 12.92 } else { ((x + 0.055) / 1.055).powf(2.4) }
    }

    fn encode_exact(x: f64) -> f64 {
        if x < 0.0031308 { x * 12.92 } else { 1.055 * x.max(0.0).powf(1.0 / 2.4) - 0.055 }
    }

    #[test]
    fn the_software_shaders_colours_are_within_a_fraction_of_a_step_of_the_exact_ones() {
        let (d, e) = (coefficients("D"), coefficients("E"));
        assert_eq!((d.len(), e.len()), (6, 5), "the shader's constants");
        let decode = |x: f32| if x < 0.04045 { x / 12.92 } else { polynomial(&d, x) };
        let encode =
            |x: f32| if x < 0.0031308 { x * 12.92 } else { polynomial(&e, x.max(0.0).sqrt().sqrt()) };
        // Every texel (an sRGB byte, decoded by the sampler) times every vertex colour byte,
        // as the screen finally stores it (encoded to sRGB again).
        let mut worst: f64 = 0.0;
        for texel in 0..=255u8 {
            let texture = decode_exact(f64::from(texel) / 255.0);
            for vertex in 0..=255u8 {
                let vertex = f64::from(vertex) / 255.0;
                let exact = encode_exact(decode_exact(encode_exact(texture) * vertex));
                let fast = f64::from(decode(encode(texture as f32) * vertex as f32));
                worst = worst.max((encode_exact(fast) - exact).abs());
            }
        }
        assert!(worst * 255.0 < 0.15, "off by {:.3} of a step", worst * 255.0);
        assert!(worst > 0.0, "the comparison compares");
    }
}
