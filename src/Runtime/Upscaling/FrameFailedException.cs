using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Runtime.Upscaling;

/// <summary>
/// A frame whose work ran after its dispatch returned (a network run on a worker thread) failed. Reported by the
/// context's next call, before that call does anything, since the failed dispatch had already returned.
/// </summary>
public sealed class FrameFailedException(string cause, string fix, Exception? inner = null)
    : GdpoRealtimeException(cause, fix, inner);
