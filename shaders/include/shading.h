// Sky and tone mapping shared by the scene and sky shaders.
#ifndef GDPO_SHADING_H
#define GDPO_SHADING_H

// Radiance of the sky in a view direction: a smooth zenith-to-horizon gradient, a darker ground below the
// horizon, and a sun disc with a soft glow (smooth gradients and one hard round edge).
vec3 skyRadiance(FrameUniforms frame, vec3 direction)
{
    float up = direction.y;
    vec3 sky = mix(frame.skyHorizonColor.rgb, frame.skyZenithColor.rgb, pow(clamp(up, 0.0, 1.0), 0.45));
    vec3 below = mix(frame.skyHorizonColor.rgb, frame.groundColor.rgb, clamp(-up * 4.0, 0.0, 1.0));
    vec3 color = up >= 0.0 ? sky : below;
    float cosine = dot(direction, frame.sunDirection.xyz);
    color += frame.sunColor.rgb * 0.25 * pow(max(cosine, 0.0), 64.0);
    if (cosine > frame.sunDirection.w) color += frame.sunColor.rgb * 4.0;
    return color;
}

// A filmic curve (Narkowicz's fit of ACES): keeps gradients smooth and highlights from clipping hard.
vec3 toneMap(vec3 x)
{
    return clamp((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0);
}

#endif
