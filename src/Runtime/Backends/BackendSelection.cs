namespace GdpoRealtime.Runtime.Backends;

/// <summary>
/// Picks the backend from what the machine offers. Automatic choice prefers the fastest usable backend in the
/// order CUDA interop, vulkan-compute, host staging; a forced backend that is unusable is an error naming why, never a silent
/// fallback (an engine that forces CUDA interop wants to know it is not getting it).
/// </summary>
public static class BackendSelection
{
    /// <summary>The order in which automatic selection tries the backends.</summary>
    public static IReadOnlyList<BackendKind> AutomaticOrder { get; } = new[] { BackendKind.CudaInterop, BackendKind.VulkanCompute, BackendKind.HostStaging };

    public static BackendChoice Choose(BackendPreference preference, IReadOnlyList<BackendCandidate> candidates)
    {
        if (preference == BackendPreference.Auto)
        {
            foreach (var kind in AutomaticOrder)
                if (candidates.FirstOrDefault(c => c.Kind == kind) is { IsAvailable: true } usable)
                    return new BackendChoice(kind, usable.Reason, candidates);
            throw new BackendUnavailableException(
                $"No upscaler backend can run here ({string.Join("; ", candidates.Select(c => c.ToString()))})",
                candidates.Select(c => c.Fix).FirstOrDefault(f => f.Length > 0) ?? "Check the Vulkan device and the model.");
        }

        var wanted = preference switch
        {
            BackendPreference.CudaInterop => BackendKind.CudaInterop,
            BackendPreference.VulkanCompute => BackendKind.VulkanCompute,
            _ => BackendKind.HostStaging,
        };
        var candidate = candidates.FirstOrDefault(c => c.Kind == wanted)
            ?? throw new BackendUnavailableException($"The {BackendNames.Of(wanted)} backend was asked for, but it was not considered on this machine",
                "Use the automatic backend choice.");
        if (!candidate.IsAvailable)
            throw new BackendUnavailableException($"The {BackendNames.Of(wanted)} backend was asked for, but {candidate.Reason}",
                candidate.Fix.Length > 0 ? candidate.Fix : "Use the automatic backend choice to fall back to host staging.");
        return new BackendChoice(wanted, $"asked for; {candidate.Reason}", candidates);
    }
}
