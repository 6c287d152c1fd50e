#version 450
// A body convolution in float32, weights in a uniform buffer: see include/network_conv.glsl and include/network_precision.h.
#extension GL_EXT_control_flow_attributes : require
#include "network_precision.h"
#include "network_layout.h"
#include "network_common.h"
#include "network_conv.glsl"
