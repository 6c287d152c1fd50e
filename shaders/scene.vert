#version 450
#include "shared_layout.h"

layout(set = 0, binding = SCENE_BINDING_FRAME, std140) uniform FrameBlock { FrameUniforms frame; };
layout(push_constant, std430) uniform ObjectBlock { ObjectPush object; };

layout(location = VERTEX_LOCATION_POSITION) in vec3 inPosition;
layout(location = VERTEX_LOCATION_NORMAL) in vec3 inNormal;
layout(location = VERTEX_LOCATION_UV) in vec2 inUv;

layout(location = 0) out vec3 worldPosition;
layout(location = 1) out vec3 worldNormal;
layout(location = 2) out vec2 uv;

void main()
{
    vec4 world = object.model * vec4(inPosition, 1.0);
    worldPosition = world.xyz;
    worldNormal = mat3(object.model) * inNormal;
    uv = inUv * object.uvTransform.xy + object.uvTransform.zw;
    gl_Position = frame.viewProjection * world;
}
