#version 450
#include "shared_layout.h"
#include "shading.h"

layout(set = 0, binding = SCENE_BINDING_FRAME, std140) uniform FrameBlock { FrameUniforms frame; };
layout(set = 0, binding = SCENE_BINDING_MATERIALS) uniform sampler2DArray materials;
layout(push_constant, std430) uniform ObjectBlock { ObjectPush object; };

layout(location = 0) in vec3 worldPosition;
layout(location = 1) in vec3 worldNormal;
layout(location = 2) in vec2 uv;

layout(location = 0) out vec4 outColor;

void main()
{
    // Mipmapped trilinear sampling, as games do; a game that upscales biases the level of detail to the
    // display's (frame.texturing.x < 0 at low res); the ground truth gets unbiased sampling at a higher rate.
    vec4 texel = texture(materials, vec3(uv, object.material.x), frame.texturing.x);
    if (object.material.y > 0.0 && texel.a < object.material.y) discard;   // alpha-tested foliage and grates
    vec3 albedo = texel.rgb * object.tint.rgb;

    vec3 n = normalize(worldNormal);
    if (!gl_FrontFacing) n = -n;                                          // two-sided cards
    vec3 toEye = frame.cameraPosition.xyz - worldPosition;
    float distance = length(toEye);
    vec3 v = toEye / max(distance, 1e-4);
    vec3 l = frame.sunDirection.xyz;

    float diffuse = max(dot(n, l), 0.0);
    vec3 h = normalize(l + v);
    float specular = diffuse > 0.0 ? pow(max(dot(n, h), 0.0), object.material.z) * object.tint.a : 0.0;
    vec3 ambient = mix(frame.groundColor.rgb, frame.skyZenithColor.rgb, 0.5 + 0.5 * n.y) * frame.sunColor.a;

    vec3 radiance = albedo * (ambient + frame.sunColor.rgb * diffuse) + frame.sunColor.rgb * specular
                  + albedo * object.material.w;
    float fogAmount = 1.0 - exp(-distance * frame.fog.x);
    radiance = mix(radiance, skyRadiance(frame, -v), fogAmount);
    outColor = vec4(toneMap(radiance * frame.skyHorizonColor.a), 1.0);
}
