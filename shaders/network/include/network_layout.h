// The one place where the network's compute passes and the C# recorder agree on bindings, tile sizes and the
// push-constant block. Mirrored in src/Interop/Backends/VulkanCompute/NetworkLayout.cs; a test reads the compiled
// SPIR-V and checks the block's offsets against the C# struct, so a change here not made there fails the tests.
//
// Activations live in texel buffers of 4-channel texels, one plane per group of 4 channels. A plane is the latent
// grid of the dispatch (width x height cells) with a one-cell border of zeros on every side, rows of width + 2
// texels; planes are planeStride texels apart (sized for the context's largest grid). Every pass writes the whole
// plane, border included, so a 3x3 convolution reads its zero padding without bounds checks and a smaller render
// size never sees the values of a larger one.
#ifndef GDPO_NETWORK_LAYOUT_H
#define GDPO_NETWORK_LAYOUT_H

// Cells per side of a workgroup's square tile, and of the head pass's tile with its one-cell halo.
#define NETWORK_TILE 8
#define NETWORK_HALO_TILE (NETWORK_TILE + 2)

// Capacity of the weight block, in 16-byte vectors (64 KiB, the largest uniform range desktop devices offer);
// a pass binds only its own range of it.
#define NETWORK_WEIGHT_VECTORS 4096

// Capacity of a baked pass's weight constants, in 4-float vectors (a 32-to-32-channel 3x3 convolution).
#define NETWORK_BAKED_VECTORS 2312

// Head pass: bicubic upsample + space-to-depth + noise + condition fold + head convolution.
#define HEAD_BINDING_FRAME     0   // samplerBuffer (R8G8B8A8 UNORM view): the render-size frame, rows of frame.x texels
#define HEAD_BINDING_NOISE     1   // samplerBuffer (R32 float): strength * eps, [latent channel][noise rows][noise columns]
#define HEAD_BINDING_WEIGHTS   2   // uniform block: head biases then weights
#define HEAD_BINDING_FEATURES  3   // imageBuffer (activation format): the head's features
#define HEAD_BINDING_LATENT    4   // imageBuffer (RGBA32F): z, the clean upsampled latent, for the tail's skip add

// A 3x3 convolution of the body, with its bias (timestep folded in), optional ReLU and up to two residual adds.
#define CONV_BINDING_SOURCE    0   // samplerBuffer: input activations
#define CONV_BINDING_WEIGHTS   1   // uniform block: biases then weights
#define CONV_BINDING_TARGET    2   // imageBuffer: output activations
#define CONV_BINDING_RESIDUAL0 3   // samplerBuffer: added after the activation (the block's input)
#define CONV_BINDING_RESIDUAL1 4   // samplerBuffer: added after that (the head's features, before the tail)

// Tail pass: tail convolution + skip add (z + g) + depth-to-space + byte conversion.
#define TAIL_BINDING_SOURCE    0   // samplerBuffer: the last block's output plus the head's features
#define TAIL_BINDING_WEIGHTS   1   // uniform block: biases then weights
#define TAIL_BINDING_LATENT    2   // samplerBuffer (RGBA32F): z from the head pass
#define TAIL_BINDING_PIXELS    3   // uimageBuffer (R32 uint): packed 8-bit pixels of the model's output, rows of sizes.z
#define TAIL_BINDING_IMAGE     4   // imageBuffer (R32 float): the unclipped output, [colour][rows][columns], for resampling

// Resample pass: the model's output to the display size (area when shrinking, bicubic when enlarging) + bytes.
#define RESAMPLE_BINDING_IMAGE  0  // samplerBuffer (R32 float): the tail's unclipped output
#define RESAMPLE_BINDING_PIXELS 1  // uimageBuffer (R32 uint): packed 8-bit pixels, rows of sizes.z

// What the tail does with the model's output (NetworkPush.options.x).
#define OUTPUT_PIXELS 0            // packed bytes of the display frame (the model's output is the display size)
#define OUTPUT_IMAGE  1            // floats for the resample pass (or for tests)

// Push constants of every pass (std430).
struct NetworkPush
{
    ivec4 grid;      // x, y: latent grid width and height of this dispatch; z: texels between activation planes; w: unused
    ivec4 frame;     // x, y: render width and height (the frame as rendered); z, w: padded to a multiple of the fold q
    ivec4 sizes;     // x, y: model output width and height (render * p / q); z, w: display width and height
    ivec4 options;   // x: OUTPUT_PIXELS or OUTPUT_IMAGE; y: input is BGRA (1) or RGBA (0); z: output BGRA (1) or RGBA (0); w: 1 to shrink by area, 0 to enlarge bicubically
    ivec4 noise;     // x: columns of a noise plane; y: values between noise planes; zw: unused
    vec4 schedule;   // x: sqrt(abar[t_add]); y: sqrt(1 - abar[t_add]); zw: unused
};

#endif
