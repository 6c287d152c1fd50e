using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Demo.Presentation;

/// <summary>No window can be opened: no display, no GLFW library, or no Vulkan presentation support.</summary>
public sealed class DisplayUnavailableException(string cause, string fix, Exception? inner = null)
    : GdpoRealtimeException(cause, fix, inner);
