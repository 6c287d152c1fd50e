// One 3x3 convolution of the body: out = [ReLU](conv(source) + bias) [+ residual0] [+ residual1]. The bias of a
// block's first convolution carries the folded timestep embedding. One invocation computes every output channel of
// one cell, so each input texel is read once per tap. Included by network_conv.comp, network_conv_fp16.comp and
// network_conv_baked.comp.
layout(local_size_x = NETWORK_TILE, local_size_y = NETWORK_TILE) in;

layout(constant_id = 0) const int IN_GROUPS = 8;   // input channels / 4
layout(constant_id = 1) const int OUT_GROUPS = 8;  // output channels / 4
layout(constant_id = 2) const bool RELU = false;
layout(constant_id = 3) const int RESIDUALS = 0;   // 0, 1 or 2 residual inputs added after the activation

layout(set = 0, binding = CONV_BINDING_SOURCE) uniform samplerBuffer source;
WEIGHT_BLOCK(CONV_BINDING_WEIGHTS);
layout(set = 0, binding = CONV_BINDING_TARGET, ACTIVATION_FORMAT) uniform writeonly imageBuffer target;
layout(set = 0, binding = CONV_BINDING_RESIDUAL0) uniform samplerBuffer residual0;
layout(set = 0, binding = CONV_BINDING_RESIDUAL1) uniform samplerBuffer residual1;

void main()
{
    ivec2 cell = ivec2(gl_GlobalInvocationID.xy);
    // Cells past the grid's edge compute on the last cell (their reads stay in bounds) and store nothing.
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
    [[unroll]] for (int o = 0; o < OUT_GROUPS; o++)
    {
        real4 value = RELU ? max(sums[o], real4(0)) : sums[o];
        int index = o * push.grid.z + centre;
        if (RESIDUALS >= 1) value += real4(texelFetch(residual0, index));
        if (RESIDUALS >= 2) value += real4(texelFetch(residual1, index));
        imageStore(target, index, vec4(value));
    }
    STORE_ZERO_BORDER(target, OUT_GROUPS, cell);
}
