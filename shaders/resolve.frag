#version 450
#include "shared_layout.h"

// Box filter of factor x factor samples per output pixel: the supersampled ground truth. The source is
// an sRGB image, so texelFetch returns linear values and the average is taken in linear light.
layout(set = 0, binding = RESOLVE_BINDING_SOURCE) uniform sampler2D source;
layout(push_constant, std430) uniform ResolveBlock { ResolvePush resolve; };

layout(location = 0) out vec4 outColor;

void main()
{
    int factor = resolve.factor.x;
    ivec2 origin = ivec2(gl_FragCoord.xy) * factor;
    vec3 sum = vec3(0.0);
    for (int y = 0; y < factor; y++)
        for (int x = 0; x < factor; x++)
            sum += texelFetch(source, origin + ivec2(x, y), 0).rgb;
    outColor = vec4(sum / float(factor * factor), 1.0);
}
