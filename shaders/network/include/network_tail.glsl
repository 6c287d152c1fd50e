// Tail pass: g = conv(source) + bias, the skip add z + g on the latent grid, depth-to-space by p, the decode
// (latent + 1) / 2, and the output: packed bytes when the model's output is the display size, or floats for the
// resample pass. Output pixels past the model's output size (from the padding to a multiple of q) are dropped.
// Included by network_tail.comp, network_tail_fp16.comp and network_tail_baked.comp.
layout(local_size_x = NETWORK_TILE, local_size_y = NETWORK_TILE) in;

layout(constant_id = 0) const int FOLD = 2;         // p
layout(constant_id = 1) const int IN_GROUPS = 8;    // feature channels / 4
layout(constant_id = 2) const int OUT_GROUPS = 3;   // ceil(3 p^2 / 4)

layout(set = 0, binding = TAIL_BINDING_SOURCE) uniform samplerBuffer source;
WEIGHT_BLOCK(TAIL_BINDING_WEIGHTS);
layout(set = 0, binding = TAIL_BINDING_LATENT) uniform samplerBuffer latent;
layout(set = 0, binding = TAIL_BINDING_PIXELS, r32ui) uniform writeonly uimageBuffer pixels;
layout(set = 0, binding = TAIL_BINDING_IMAGE, r32f) uniform writeonly imageBuffer image;

void main()
{
    ivec2 cell = ivec2(gl_GlobalInvocationID.xy);
    ivec2 clamped = min(cell, ivec2(push.grid.x - 1, push.grid.y - 1));
    int centre = planeIndex(0, clamped), row = push.grid.x + 2;
    real4 sums[OUT_GROUPS];
    [[unroll]] for (int o = 0; o < OUT_GROUPS; o++) sums[o] = WEIGHT(o);
    WEIGHT_LOOP for (int i = 0; i < IN_GROUPS; i++)
        [[unroll]] for (int t = 0; t < 9; t++)
        {
            real4 v = real4(texelFetch(source, i * push.grid.z + centre + (t / 3 - 1) * row + t % 3 - 1));
            [[unroll]] for (int k = 0; k < 4; k++)
                [[unroll]] for (int o = 0; o < OUT_GROUPS; o++)
                    sums[o] = fma(real4(v[k]), WEIGHT(OUT_GROUPS + ((i * 4 + k) * 9 + t) * OUT_GROUPS + o), sums[o]);
        }
    if (cell.x >= push.grid.x || cell.y >= push.grid.y) return;

    float decoded[OUT_GROUPS * 4];
    [[unroll]] for (int o = 0; o < OUT_GROUPS; o++)
    {
        vec4 value = (texelFetch(latent, o * push.grid.z + centre) + vec4(sums[o]) + 1.0) * 0.5;
        decoded[4 * o] = value.x;
        decoded[4 * o + 1] = value.y;
        decoded[4 * o + 2] = value.z;
        decoded[4 * o + 3] = value.w;
    }
    int foldCells = FOLD * FOLD, outputPlane = push.sizes.x * push.sizes.y;
    for (int sub = 0; sub < foldCells; sub++)
    {
        ivec2 pixel = cell * FOLD + ivec2(sub % FOLD, sub / FOLD);
        if (pixel.x >= push.sizes.x || pixel.y >= push.sizes.y) continue;
        vec3 rgb = vec3(decoded[sub], decoded[foldCells + sub], decoded[2 * foldCells + sub]);
        int index = pixel.y * push.sizes.x + pixel.x;
        if (push.options.x == OUTPUT_PIXELS)
            imageStore(pixels, index, uvec4(packPixel(rgb, push.options.z == 1)));
        else
            for (int c = 0; c < 3; c++) imageStore(image, c * outputPlane + index, vec4(rgb[c]));
    }
}
