#version 450
// The tail pass in float16, weights in a uniform buffer as packed halves: see include/network_tail.glsl and include/network_precision.h.
#define NETWORK_FP16
#extension GL_EXT_control_flow_attributes : require
#include "network_precision.h"
#include "network_layout.h"
#include "network_common.h"
#include "network_tail.glsl"
