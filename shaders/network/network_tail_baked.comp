#version 450
// The tail pass in float32, weights baked into the module as constants (CPU devices): see include/network_tail.glsl and include/network_precision.h.
#define NETWORK_BAKED
#extension GL_EXT_control_flow_attributes : require
#include "network_precision.h"
#include "network_layout.h"
#include "network_common.h"
#include "network_tail.glsl"
