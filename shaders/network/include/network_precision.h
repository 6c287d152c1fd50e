// The arithmetic type of a network pass and where its weights come from:
// - float32 (the plain variants): weights in a uniform block, read by index (WEIGHT(i));
// - float16 when NETWORK_FP16 is defined (*_fp16.comp): activations stored as RGBA16F texels, multiply-accumulate in
//   float16; weights travel as pairs of halves packed in 32-bit words, so only shaderFloat16 is needed (no 16-bit
//   storage access). The skip latent z and everything after the tail convolution stay float32;
// - baked when NETWORK_BAKED is defined (*_baked.comp, float32): the weights are constants of the module. The source
//   holds numbered placeholders (2^20 + i, values no other constant of a pass takes) that the host replaces with the
//   layer's weights before creating the pipeline, one pipeline per layer. CPU implementations (lavapipe) compile
//   constants into the arithmetic, where a uniform load costs a gather per lane: about three times faster there.
// WEIGHT_LOOP marks the loop over input groups: unrolled when baked (indices must be constant), rolled otherwise
// (a compact shader; GPUs read the uniform block at the same speed either way).
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
#define WEIGHT_LOOP
#elif defined(NETWORK_BAKED)
#define real float
#define real4 vec4
#define ACTIVATION_FORMAT rgba32f
#define BAKED_PLACEHOLDER(i) (1048576.0 + float(i))
#define BAKED_VECTOR(i) vec4(BAKED_PLACEHOLDER(4 * (i)), BAKED_PLACEHOLDER(4 * (i) + 1), BAKED_PLACEHOLDER(4 * (i) + 2), BAKED_PLACEHOLDER(4 * (i) + 3))
#define BAKED_4(i) BAKED_VECTOR(i), BAKED_VECTOR((i) + 1), BAKED_VECTOR((i) + 2), BAKED_VECTOR((i) + 3)
#define BAKED_16(i) BAKED_4(i), BAKED_4((i) + 4), BAKED_4((i) + 8), BAKED_4((i) + 12)
#define BAKED_64(i) BAKED_16(i), BAKED_16((i) + 16), BAKED_16((i) + 32), BAKED_16((i) + 48)
#define BAKED_256(i) BAKED_64(i), BAKED_64((i) + 64), BAKED_64((i) + 128), BAKED_64((i) + 192)
#define BAKED_1024(i) BAKED_256(i), BAKED_256((i) + 256), BAKED_256((i) + 512), BAKED_256((i) + 768)
// NETWORK_BAKED_VECTORS (2312) holds a 32-to-32-channel convolution: 8 bias vectors + 32 x 9 x 8 weight vectors.
#define WEIGHT_BLOCK(slot_) const vec4 bakedWeights[NETWORK_BAKED_VECTORS] = vec4[NETWORK_BAKED_VECTORS](BAKED_1024(0), BAKED_1024(1024), BAKED_256(2048), BAKED_4(2304), BAKED_4(2308))
#define WEIGHT(i) bakedWeights[i]
#define WEIGHT_LOOP [[unroll]]
#else
#define real float
#define real4 vec4
#define ACTIVATION_FORMAT rgba32f
#define WEIGHT_BLOCK(slot_) layout(set = 0, binding = slot_, std140) uniform Weights { vec4 weights[NETWORK_WEIGHT_VECTORS]; }
#define WEIGHT(i) weights[i]
#define WEIGHT_LOOP
#endif

#endif
