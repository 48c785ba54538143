// egui's shader for software rendering. The interface (bindings, vertex layout, the bindless
// variant) is bevy_egui 0.42's `render/egui.wgsl` (MIT OR Apache-2.0), which this replaces when
// the CPU draws; the colour arithmetic is the same, with sRGB's two curves computed by
// polynomials instead of `pow` (see `software.rs`; its test checks the constants below).

struct Transform {
    scale: vec2<f32>,
    translation: vec2<f32>,
}

struct VertexInput {
    @location(0) position: vec2<f32>,
    @location(1) uv: vec2<f32>,
    @location(2) color: vec4<f32>,
}

struct VertexOutput {
    @builtin(position) position: vec4<f32>,
    @location(0) color: vec4<f32>,
    @location(1) uv: vec2<f32>,
}

@group(0) @binding(0) var<uniform> transform: Transform;

#ifdef BINDLESS
@group(1) @binding(0) var image_texture: binding_array<texture_2d<f32>>;
@group(1) @binding(1) var image_sampler: binding_array<sampler>;

struct BindlessOffset {
    offset: u32,
};
var<immediate> offset: BindlessOffset;
#else
@group(1) @binding(0) var image_texture: texture_2d<f32>;
@group(1) @binding(1) var image_sampler: sampler;
#endif

// sRGB decoding above its linear toe, ((x + 0.055) / 1.055)^2.4 on [0.04045, 1]: a polynomial
// in x (Chebyshev interpolation of degree 5, largest error 3.4e-5).
const D0: f32 = 0.0010585045;
const D1: f32 = 0.029046252;
const D2: f32 = 0.5457402;
const D3: f32 = 0.59446853;
const D4: f32 = -0.22331859;
const D5: f32 = 0.05301672;

// sRGB encoding above its linear toe, 1.055 x^(1/2.4) - 0.055 on [0.0031308, 1]: a polynomial
// in x^(1/4) (Chebyshev interpolation of degree 4, largest error 4.9e-5).
const E0: f32 = -0.065081306;
const E1: f32 = 0.19995362;
const E2: f32 = 1.1120896;
const E3: f32 = -0.32343167;
const E4: f32 = 0.076492496;

// 0-1 linear from 0-1 sRGB gamma.
fn linear_from_gamma_rgb(srgb: vec3<f32>) -> vec3<f32> {
    let x = srgb;
    let higher = D0 + x * (D1 + x * (D2 + x * (D3 + x * (D4 + x * D5))));
    return select(higher, x / vec3<f32>(12.92), x < vec3<f32>(0.04045));
}

// 0-1 sRGB gamma from 0-1 linear.
fn gamma_from_linear_rgb(rgb: vec3<f32>) -> vec3<f32> {
    let q = sqrt(sqrt(max(rgb, vec3<f32>(0.0))));
    let higher = E0 + q * (E1 + q * (E2 + q * (E3 + q * E4)));
    return select(higher, rgb * vec3<f32>(12.92), rgb < vec3<f32>(0.0031308));
}

@vertex
fn vs_main(in: VertexInput) -> VertexOutput {
    let position = in.position * transform.scale + transform.translation;
    return VertexOutput(vec4<f32>(position, 0.0, 1.0), in.color, in.uv);
}

@fragment
fn fs_main(in: VertexOutput) -> @location(0) vec4<f32> {
#ifdef BINDLESS
    let image_texture = image_texture[offset.offset];
    let image_sampler = image_sampler[offset.offset];
#endif
    // egui multiplies colours in gamma space (that is how its text looks right).
    let texture_linear = textureSample(image_texture, image_sampler, in.uv);
    let color_gamma = vec4<f32>(gamma_from_linear_rgb(texture_linear.rgb), texture_linear.a) * in.color;
    return vec4<f32>(linear_from_gamma_rgb(color_gamma.rgb), color_gamma.a);
}
