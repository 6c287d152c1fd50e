#version 450
#define NETWORK_BAKED
#extension GL_EXT_control_flow_attributes : require
#include "network_precision.h"
#include "network_layout.h"
#include "network_common.h"
#include "network_tail.glsl"
