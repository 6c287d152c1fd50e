#version 450
// The model's output resampled to the display size when the display/render ratio is not the model's scale, as the
// host pipeline does it: area averaging (adaptive average pooling) when shrinking in both directions, bicubic
// (A = -0.75, half-pixel centres, edges clamped) otherwise; then clamped, rounded and packed as 8-bit pixels.
#include "network_layout.h"
#include "network_common.h"

layout(local_size_x = NETWORK_TILE, local_size_y = NETWORK_TILE) in;

layout(set = 0, binding = RESAMPLE_BINDING_IMAGE) uniform samplerBuffer image;
layout(set = 0, binding = RESAMPLE_BINDING_PIXELS, r32ui) uniform writeonly uimageBuffer pixels;

float source(int c, int x, int y)
{
    int width = push.sizes.x, height = push.sizes.y;
    return texelFetch(image, c * width * height + clamp(y, 0, height - 1) * width + clamp(x, 0, width - 1)).r;
}

vec3 area(ivec2 pixel)
{
    int inW = push.sizes.x, inH = push.sizes.y, outW = push.sizes.z, outH = push.sizes.w;
    int y0 = pixel.y * inH / outH, y1 = ((pixel.y + 1) * inH + outH - 1) / outH;
    int x0 = pixel.x * inW / outW, x1 = ((pixel.x + 1) * inW + outW - 1) / outW;
    vec3 sum = vec3(0);
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            sum += vec3(source(0, x, y), source(1, x, y), source(2, x, y));
    return sum / float(y1 - y0) / float(x1 - x0);
}

vec3 bicubic(ivec2 pixel)
{
    int x0, y0;
    float tx, ty;
    cubicSource(float(push.sizes.x) / float(push.sizes.z), pixel.x, x0, tx);
    cubicSource(float(push.sizes.y) / float(push.sizes.w), pixel.y, y0, ty);
    vec4 wx = cubicWeights(tx), wy = cubicWeights(ty);
    vec3 result = vec3(0);
    for (int i = 0; i < 4; i++)
    {
        vec3 row = vec3(0);
        for (int j = 0; j < 4; j++)
            row += vec3(source(0, x0 + j, y0 + i), source(1, x0 + j, y0 + i), source(2, x0 + j, y0 + i)) * wx[j];
        result += row * wy[i];
    }
    return result;
}

void main()
{
    ivec2 pixel = ivec2(gl_GlobalInvocationID.xy);
    if (pixel.x >= push.sizes.z || pixel.y >= push.sizes.w) return;
    vec3 rgb = push.options.w == 1 ? area(pixel) : bicubic(pixel);
    imageStore(pixels, pixel.y * push.sizes.z + pixel.x, uvec4(packPixel(rgb, push.options.z == 1)));
}
