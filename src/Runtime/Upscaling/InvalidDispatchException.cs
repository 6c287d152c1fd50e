using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Runtime.Upscaling;

/// <summary>
/// A dispatch description the context cannot execute (a wrong format, size, usage or layout). Thrown before any
/// work is recorded or submitted, so the engine's device and images are untouched and the context stays usable.
/// </summary>
public sealed class InvalidDispatchException(string cause, string fix, Exception? inner = null)
    : GdpoRealtimeException(cause, fix, inner);
