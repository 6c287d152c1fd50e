namespace GdpoRealtime.Runtime.Backends;

/// <summary>The backend chosen, why, and every candidate that was considered (for the log and the HUD).</summary>
public sealed record BackendChoice(BackendKind Kind, string Reason, IReadOnlyList<BackendCandidate> Considered)
{
    /// <summary>One line for a log: the backend, why it was chosen, and why better ones were not.</summary>
    public string Describe()
    {
        var passedOver = Considered.Where(c => c.Kind != Kind && !c.IsAvailable).Select(c => $"{BackendNames.Of(c.Kind)} unavailable: {c.Reason}");
        string rest = string.Join("; ", passedOver);
        return $"{BackendNames.Of(Kind)} ({Reason}{(rest.Length > 0 ? $"; {rest}" : "")})";
    }

    public override string ToString() => Describe();
}
