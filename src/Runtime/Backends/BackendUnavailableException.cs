using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Runtime.Backends;

/// <summary>The backend asked for cannot run on this machine or device; the message says what is missing.</summary>
public sealed class BackendUnavailableException(string cause, string fix, Exception? inner = null)
    : GdpoRealtimeException(cause, fix, inner);
