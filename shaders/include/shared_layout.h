// The one place where the shaders and the C# renderer agree on descriptor bindings, vertex locations and
// the memory layout of uniform and push-constant blocks. Mirrored in demo/Rendering/ShaderLayout.cs;
// tests/Demo/Rendering/ShaderLayoutTests.cs reads the compiled SPIR-V and checks that the offsets,
// sizes and binding numbers match the C# side, so a change here that is not made there fails the tests.
#ifndef GDPO_SHARED_LAYOUT_H
#define GDPO_SHARED_LAYOUT_H

// Vertex attributes of scene meshes (one interleaved buffer: position, normal, texture coordinate).
#define VERTEX_LOCATION_POSITION 0
#define VERTEX_LOCATION_NORMAL   1
#define VERTEX_LOCATION_UV       2

// Scene pass, descriptor set 0.
#define SCENE_BINDING_FRAME      0   // uniform FrameUniforms
#define SCENE_BINDING_MATERIALS  1   // sampler2DArray: one layer per material texture, mipmapped

// Supersampling resolve pass, descriptor set 0.
#define RESOLVE_BINDING_SOURCE   0   // sampler2D: the frame rendered at factor x factor the size

// Viewer's present pass, descriptor set 0.
#define PRESENT_BINDING_LEFT     0   // sampler2D: the frame shown left of the divider
#define PRESENT_BINDING_RIGHT    1   // sampler2D: the frame shown right of the divider
#define PRESENT_BINDING_OVERLAY  2   // sampler2D: labels and timings, premultiplied alpha

// Per-view constants of the scene pass (std140).
struct FrameUniforms
{
    mat4 viewProjection;         // world -> clip, with the sub-pixel jitter applied
    mat4 inverseViewProjection;  // clip -> world, for the sky's view rays
    vec4 cameraPosition;         // xyz: eye in world units; w: scene time in seconds
    vec4 sunDirection;           // xyz: unit vector towards the sun; w: sun disc angular radius (cosine)
    vec4 sunColor;               // rgb: sun radiance; a: strength of the hemisphere ambient
    vec4 skyZenithColor;         // rgb
    vec4 skyHorizonColor;        // rgb; a: exposure
    vec4 groundColor;            // rgb: ambient from below
    vec4 fog;                    // x: density per world unit; yzw: unused
    vec4 texturing;              // x: level-of-detail bias of every material lookup (negative: sharper); yzw: unused
};

// Per-object constants of the scene pass (push constants).
struct ObjectPush
{
    mat4 model;        // object -> world; rotation, translation and uniform scale only (normals use its 3x3 part)
    vec4 tint;         // rgb: multiplies the texture; a: specular strength
    vec4 uvTransform;  // xy: scale, zw: offset applied to the mesh's texture coordinates
    vec4 material;     // x: texture layer; y: alpha cut-off (0 = opaque); z: specular exponent; w: emission
};

// Push constants of the supersampling resolve pass.
struct ResolvePush
{
    ivec4 factor;      // x: samples per axis (the frame was rendered at factor x factor the size); yzw: unused
};

// Push constants of the viewer's present pass.
struct PresentPush
{
    vec4 viewport;     // xy: output size in pixels; z: divider position in pixels; w: divider half-width in pixels
    vec4 options;      // x: 1 to draw the overlay; y: 1 to show only the left frame (no split); zw: unused
};

#endif
