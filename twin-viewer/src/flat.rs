//! The map's material: one flat colour per piece, seen from both sides, unlit.
//!
//! bevy's `StandardMaterial` with `unlit: true` gives the same picture, but its fragment shader
//! still runs most of the physically based path before it looks at `unlit`. On a GPU that is
//! nothing; drawn by the CPU (Mesa's llvmpipe on a kiosk PC or a virtual machine) it took about
//! 300 ns a pixel, 100 ms of a frame at 1280x720. This shader returns the colour.

use bevy::asset::{embedded_asset, embedded_path};
use bevy::mesh::MeshVertexBufferLayoutRef;
use bevy::pbr::{Material, MaterialPipeline, MaterialPipelineKey, MaterialPlugin};
use bevy::prelude::*;
use bevy::render::render_resource::{AsBindGroup, RenderPipelineDescriptor, SpecializedMeshPipelineError};
use bevy::shader::ShaderRef;

/// Registers the material and embeds its shader in the binary.
pub fn plugin(app: &mut App) {
    embedded_asset!(app, "shaders/flat.wgsl");
    app.add_plugins(MaterialPlugin::<FlatMaterial>::default());
}

/// A flat colour.
#[derive(Asset, TypePath, AsBindGroup, Debug, Clone)]
pub struct FlatMaterial {
    /// The colour written to the screen (linear; the window's sRGB target encodes it).
    #[uniform(0)]
    pub color: LinearRgba,
}

impl FlatMaterial {
    /// The material of a colour.
    pub fn new(color: Color) -> FlatMaterial {
        FlatMaterial { color: color.to_linear() }
    }
}

impl Material for FlatMaterial {
    fn fragment_shader() -> ShaderRef {
        ShaderRef::Path(
            bevy::asset::AssetPath::from_path_buf(embedded_path!("shaders/flat.wgsl"))
                .with_source("embedded"),
        )
    }

    /// Both faces are drawn: the land's and the districts' tops are seen from above whichever
    /// way their rings were wound, and the walls from either side.
    fn specialize(
        _pipeline: &MaterialPipeline,
        descriptor: &mut RenderPipelineDescriptor,
        _layout: &MeshVertexBufferLayoutRef,
        _key: MaterialPipelineKey<Self>,
    ) -> Result<(), SpecializedMeshPipelineError> {
        descriptor.primitive.cull_mode = None;
        Ok(())
    }
}
