#version 450
#include "shared_layout.h"

// The viewer's split view: left frame | right frame around a draggable divider, then the text overlay.
layout(set = 0, binding = PRESENT_BINDING_LEFT) uniform sampler2D leftFrame;
layout(set = 0, binding = PRESENT_BINDING_RIGHT) uniform sampler2D rightFrame;
layout(set = 0, binding = PRESENT_BINDING_OVERLAY) uniform sampler2D overlay;
layout(push_constant, std430) uniform PresentBlock { PresentPush present; };

layout(location = 0) in vec2 uv;
layout(location = 0) out vec4 outColor;

void main()
{
    float x = gl_FragCoord.x;
    float divider = present.viewport.z;
    bool left = present.options.y > 0.5 || x < divider;
    vec3 color = left ? texture(leftFrame, uv).rgb : texture(rightFrame, uv).rgb;
    if (present.options.y < 0.5)
    {
        float d = abs(x - divider);
        if (d < present.viewport.w) color = vec3(1.0);
        else if (d < present.viewport.w + 1.0) color = vec3(0.0);
    }
    if (present.options.x > 0.5)
    {
        vec4 text = texture(overlay, uv);
        color = color * (1.0 - text.a) + text.rgb;
    }
    outColor = vec4(color, 1.0);
}
