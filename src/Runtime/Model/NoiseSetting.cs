using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Runtime.Model;

/// <summary>
/// Which noise field a frame gets (<see cref="Seed"/>) and how strongly (<see cref="Strength"/>, in [0, 1]; 0 is the
/// deterministic output). The field's values depend on the seed alone and the strength only scales them
/// (<see cref="GaussianNoise"/>), so a context can change the strength from one frame to the next at no cost and the seed
/// by making one new window.
/// </summary>
public readonly record struct NoiseSetting(long Seed, double Strength)
{
    /// <summary>Whether <paramref name="strength"/> is in [0, 1] (NaN is not).</summary>
    public static bool IsValidStrength(double strength) => strength >= 0 && strength <= 1;

    /// <summary>Throws an <see cref="InvalidSettingException"/> when the strength is outside [0, 1].</summary>
    public NoiseSetting Validated()
    {
        if (!IsValidStrength(Strength))
            throw new InvalidSettingException($"Noise strength {Strength} is outside [0, 1]",
                "Use 0 for a deterministic output, 1 for the full trained noise, or a value between.");
        return this;
    }
}
