// Head pass: from the rendered frame to the head convolution's features, in one pass. Each workgroup first builds
// the head's input for its tile and a one-cell halo in shared memory (per cell: the bicubic upsample folded by p into
// the latent z, noised as sqrt(abar) z + sqrt(1 - abar) eps, and the frame itself folded by q as the condition; zero
// outside the grid, the convolution's padding), writes z for the tail's skip add, then runs the 3x3 convolution.
// Included by network_head.comp, network_head_fp16.comp and network_head_baked.comp.
layout(local_size_x = NETWORK_TILE, local_size_y = NETWORK_TILE) in;

layout(constant_id = 0) const int FOLD = 2;          // p: the latent's space-to-depth factor
layout(constant_id = 1) const int CONDITION_FOLD = 1; // q: the condition's space-to-depth factor
layout(constant_id = 2) const int IN_GROUPS = 4;      // ceil((3 p^2 + 3 q^2) / 4)
layout(constant_id = 3) const int OUT_GROUPS = 8;     // feature channels / 4
layout(constant_id = 4) const int LATENT_GROUPS = 3;  // ceil(3 p^2 / 4)

layout(set = 0, binding = HEAD_BINDING_FRAME) uniform samplerBuffer frame;
layout(set = 0, binding = HEAD_BINDING_NOISE) uniform samplerBuffer noise;
WEIGHT_BLOCK(HEAD_BINDING_WEIGHTS);
layout(set = 0, binding = HEAD_BINDING_FEATURES, ACTIVATION_FORMAT) uniform writeonly imageBuffer features;
layout(set = 0, binding = HEAD_BINDING_LATENT, rgba32f) uniform writeonly imageBuffer latent;

const int HALO_CELLS = NETWORK_HALO_TILE * NETWORK_HALO_TILE;
shared real4 tile[IN_GROUPS * HALO_CELLS];

// The frame's colour at a pixel of the padded frame: edges replicated, channels as the frame stores them.
vec3 framePixel(int x, int y)
{
    vec4 texel = texelFetch(frame, clamp(y, 0, push.frame.y - 1) * push.frame.x + clamp(x, 0, push.frame.x - 1));
    return push.options.y == 1 ? texel.bgr : texel.rgb;
}

// The bicubic upsample of the padded frame (frame.zw) to (frame.zw * p / q) at output pixel (x, y).
vec3 upsampled(int x, int y)
{
    int upWidth = push.frame.z * FOLD / CONDITION_FOLD, upHeight = push.frame.w * FOLD / CONDITION_FOLD;
    int x0, y0;
    float tx, ty;
    cubicSource(float(push.frame.z) / float(upWidth), x, x0, tx);
    cubicSource(float(push.frame.w) / float(upHeight), y, y0, ty);
    vec4 wx = cubicWeights(tx), wy = cubicWeights(ty);
    vec3 result = vec3(0);
    for (int i = 0; i < 4; i++)
    {
        vec3 row = framePixel(x0, y0 + i) * wx.x;
        row += framePixel(x0 + 1, y0 + i) * wx.y;
        row += framePixel(x0 + 2, y0 + i) * wx.z;
        row += framePixel(x0 + 3, y0 + i) * wx.w;
        result += row * wy[i];
    }
    return result;
}

// Builds the head's input channels for one grid cell into the tile slot; the tile's own cells also write z.
void buildCell(int slot, ivec2 cell, bool own)
{
    bool inside = cell.x >= 0 && cell.y >= 0 && cell.x < push.grid.x && cell.y < push.grid.y;
    float values[IN_GROUPS * 4];
    float clean[LATENT_GROUPS * 4];
    for (int i = 0; i < IN_GROUPS * 4; i++) values[i] = 0.0;
    for (int i = 0; i < LATENT_GROUPS * 4; i++) clean[i] = 0.0;
    if (inside)
    {
        int foldCells = FOLD * FOLD;
        for (int sub = 0; sub < foldCells; sub++)
        {
            vec3 up = upsampled(cell.x * FOLD + sub % FOLD, cell.y * FOLD + sub / FOLD);
            for (int c = 0; c < 3; c++)
            {
                int channel = c * foldCells + sub;
                float z = up[c] * 2.0 - 1.0;
                float eps = texelFetch(noise, channel * push.noise.y + cell.y * push.noise.x + cell.x).r;
                clean[channel] = z;
                values[channel] = z * push.schedule.x + push.schedule.y * eps;
            }
        }
        int conditionCells = CONDITION_FOLD * CONDITION_FOLD;
        for (int sub = 0; sub < conditionCells; sub++)
        {
            vec3 pixel = framePixel(cell.x * CONDITION_FOLD + sub % CONDITION_FOLD, cell.y * CONDITION_FOLD + sub / CONDITION_FOLD);
            for (int c = 0; c < 3; c++) values[3 * foldCells + c * conditionCells + sub] = pixel[c] * 2.0 - 1.0;
        }
        if (own)
            for (int g = 0; g < LATENT_GROUPS; g++)
                imageStore(latent, planeIndex(g, cell), vec4(clean[4 * g], clean[4 * g + 1], clean[4 * g + 2], clean[4 * g + 3]));
    }
    for (int g = 0; g < IN_GROUPS; g++)
        tile[g * HALO_CELLS + slot] = real4(values[4 * g], values[4 * g + 1], values[4 * g + 2], values[4 * g + 3]);
}

void main()
{
    ivec2 origin = ivec2(gl_WorkGroupID.xy) * NETWORK_TILE - 1;
    for (int slot = int(gl_LocalInvocationIndex); slot < HALO_CELLS; slot += NETWORK_TILE * NETWORK_TILE)
    {
        ivec2 offset = ivec2(slot % NETWORK_HALO_TILE, slot / NETWORK_HALO_TILE);
        bool own = offset.x >= 1 && offset.y >= 1 && offset.x <= NETWORK_TILE && offset.y <= NETWORK_TILE;
        buildCell(slot, origin + offset, own);
    }
    memoryBarrierShared();
    barrier();

    ivec2 local_ = ivec2(gl_LocalInvocationID.xy);
    real4 sums[OUT_GROUPS];
    [[unroll]] for (int o = 0; o < OUT_GROUPS; o++) sums[o] = WEIGHT(o);
    WEIGHT_LOOP for (int i = 0; i < IN_GROUPS; i++)
        [[unroll]] for (int t = 0; t < 9; t++)
        {
            real4 v = tile[i * HALO_CELLS + (local_.y + t / 3) * NETWORK_HALO_TILE + local_.x + t % 3];
            [[unroll]] for (int k = 0; k < 4; k++)
                [[unroll]] for (int o = 0; o < OUT_GROUPS; o++)
                    sums[o] = fma(real4(v[k]), WEIGHT(OUT_GROUPS + ((i * 4 + k) * 9 + t) * OUT_GROUPS + o), sums[o]);
        }

    ivec2 cell = ivec2(gl_GlobalInvocationID.xy);
    if (cell.x >= push.grid.x || cell.y >= push.grid.y) return;
    [[unroll]] for (int o = 0; o < OUT_GROUPS; o++) imageStore(features, planeIndex(o, cell), vec4(sums[o]));
    STORE_ZERO_BORDER(features, OUT_GROUPS, cell);
}
