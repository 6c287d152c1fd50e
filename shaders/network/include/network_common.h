// Helpers shared by the network's passes. Include after network_precision.h and network_layout.h.
#ifndef GDPO_NETWORK_COMMON_H
#define GDPO_NETWORK_COMMON_H

layout(push_constant, std430) uniform PushBlock { NetworkPush push; };

// Texel index of grid cell (x, y) of activation plane `plane`: planes carry a one-cell zero border.
int planeIndex(int plane, ivec2 cell)
{
    return plane * push.grid.z + (cell.y + 1) * (push.grid.x + 2) + cell.x + 1;
}

// Writes zeros to the border texels next to `cell` in every plane of `target` (its edge cells do it, so a pass
// that writes every cell also rewrites the whole border, whatever size the previous dispatch had).
#define STORE_ZERO_BORDER(target, planes, cell)                                                              \
    {                                                                                                        \
        int w_ = push.grid.x, h_ = push.grid.y, row_ = w_ + 2;                                               \
        bool left_ = cell.x == 0, right_ = cell.x == w_ - 1, top_ = cell.y == 0, bottom_ = cell.y == h_ - 1; \
        if (left_ || right_ || top_ || bottom_)                                                              \
            for (int p_ = 0; p_ < (planes); p_++)                                                            \
            {                                                                                                \
                int base_ = p_ * push.grid.z;                                                                \
                if (left_) imageStore(target, base_ + (cell.y + 1) * row_, vec4(0));                         \
                if (right_) imageStore(target, base_ + (cell.y + 1) * row_ + w_ + 1, vec4(0));               \
                if (top_) imageStore(target, base_ + cell.x + 1, vec4(0));                                   \
                if (bottom_) imageStore(target, base_ + (h_ + 1) * row_ + cell.x + 1, vec4(0));              \
                if (left_ && top_) imageStore(target, base_, vec4(0));                                       \
                if (right_ && top_) imageStore(target, base_ + w_ + 1, vec4(0));                             \
                if (left_ && bottom_) imageStore(target, base_ + (h_ + 1) * row_, vec4(0));                  \
                if (right_ && bottom_) imageStore(target, base_ + (h_ + 1) * row_ + w_ + 1, vec4(0));        \
            }                                                                                                \
    }

// The cubic convolution weights PyTorch's upsample_bicubic2d uses (A = -0.75), for the fractional position t.
vec4 cubicWeights(float t)
{
    const float A = -0.75;
    float near0 = t, near1 = 1.0 - t, far0 = t + 1.0, far1 = near1 + 1.0;
    return vec4(((A * far0 - 5.0 * A) * far0 + 8.0 * A) * far0 - 4.0 * A,
                ((A + 2.0) * near0 - (A + 3.0)) * near0 * near0 + 1.0,
                ((A + 2.0) * near1 - (A + 3.0)) * near1 * near1 + 1.0,
                ((A * far1 - 5.0 * A) * far1 + 8.0 * A) * far1 - 4.0 * A);
}

// Source position of output sample `index` with align_corners = false: scale * (index + 0.5) - 0.5, split into the
// first of the four taps (floor - 1) and the fraction, as PyTorch computes it (no clamping of the position).
void cubicSource(float scale, int index, out int first, out float fraction)
{
    float real_ = scale * (float(index) + 0.5) - 0.5;
    float base_ = floor(real_);
    first = int(base_) - 1;
    fraction = clamp(real_ - base_, 0.0, 1.0);
}

// One output pixel: clamp to [0, 1], scale to 255 and round half to even, as the host pipeline converts to bytes.
uint packPixel(vec3 rgb, bool bgra)
{
    uvec3 bytes = uvec3(roundEven(clamp(rgb, 0.0, 1.0) * 255.0));
    if (bgra) bytes = bytes.zyx;
    return bytes.x | (bytes.y << 8) | (bytes.z << 16) | (255u << 24);
}

#endif
