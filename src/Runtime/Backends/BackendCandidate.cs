namespace GdpoRealtime.Runtime.Backends;

/// <summary>
/// One backend as this machine and device offer it: usable or not, with the reason either way, and for an
/// unusable one what would make it usable.
/// </summary>
public sealed record BackendCandidate(BackendKind Kind, bool IsAvailable, string Reason, string Fix = "")
{
    public static BackendCandidate Available(BackendKind kind, string reason) => new(kind, true, reason);

    public static BackendCandidate Unavailable(BackendKind kind, string reason, string fix) => new(kind, false, reason, fix);

    public override string ToString() => $"{BackendNames.Of(Kind)}: {(IsAvailable ? "available" : "unavailable")} ({Reason})";
}
