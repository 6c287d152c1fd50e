#version 450
#include "shared_layout.h"
#include "shading.h"

layout(set = 0, binding = SCENE_BINDING_FRAME, std140) uniform FrameBlock { FrameUniforms frame; };

layout(location = 0) in vec2 uv;
layout(location = 0) out vec4 outColor;

void main()
{
    // The view ray through this pixel's sample position (jitter included, since it is in the matrix).
    vec4 far = frame.inverseViewProjection * vec4(uv * 2.0 - 1.0, 1.0, 1.0);
    vec3 direction = normalize(far.xyz / far.w - frame.cameraPosition.xyz);
    outColor = vec4(toneMap(skyRadiance(frame, direction) * frame.skyHorizonColor.a), 1.0);
}
