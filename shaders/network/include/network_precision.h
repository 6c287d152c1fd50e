// The arithmetic type of a network pass: float32, or float16 when NETWORK_FP16 is defined (the *_fp16.comp
// variants). In float16, activations are stored as RGBA16F texels and the convolutions multiply and accumulate in
// float16; weights travel as pairs of halves packed in 32-bit words, so only shaderFloat16 is needed (no 16-bit
// storage access). The skip latent z and everything after the tail convolution stay float32.
#ifndef GDPO_NETWORK_PRECISION_H
#define GDPO_NETWORK_PRECISION_H

#ifdef NETWORK_FP16
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#define real float16_t
#define real4 f16vec4
#define ACTIVATION_FORMAT rgba16f
// Two f16vec4 per uvec4.
#define WEIGHT_BLOCK(slot_) layout(set = 0, binding = slot_, std140) uniform Weights { uvec4 packedWeights[NETWORK_WEIGHT_VECTORS]; }
real4 unpackWeight(uvec4 word, int half_)
{
    return half_ == 0 ? real4(unpackFloat2x16(word.x), unpackFloat2x16(word.y))
                      : real4(unpackFloat2x16(word.z), unpackFloat2x16(word.w));
}
#define WEIGHT(i) unpackWeight(packedWeights[(i) >> 1], (i) & 1)
#else
#define real float
#define real4 vec4
#define ACTIVATION_FORMAT rgba32f
#define WEIGHT_BLOCK(slot_) layout(set = 0, binding = slot_, std140) uniform Weights { vec4 weights[NETWORK_WEIGHT_VECTORS]; }
#define WEIGHT(i) weights[i]
#endif

#endif
