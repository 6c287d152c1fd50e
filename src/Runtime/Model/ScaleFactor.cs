using System.Globalization;
using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Runtime.Model;

/// <summary>
/// An upscaling factor p/q in lowest terms. The latent is the space-to-depth of the upsampled frame by p,
/// and the clean low-res frame is folded by q, so both live on one grid of (output / p) = (input / q)
/// cells: x2 = 2/1, x1.5 = 3/2, x3 = 3/1, x4 = 4/1. Input sizes must be multiples of q and output sizes
/// multiples of p; the frame network pads to meet that.
/// </summary>
public readonly record struct ScaleFactor
{
    public ScaleFactor(int numerator, int denominator)
    {
        if (numerator <= 0 || denominator <= 0 || numerator <= denominator)
            throw new InvalidSettingException($"Scale {numerator}/{denominator} is not an upscale",
                "Use a scale above 1, such as 1.5, 2, 3 or 4.");
        int g = Gcd(numerator, denominator);
        Numerator = numerator / g;
        Denominator = denominator / g;
        if (Numerator > 8)
            throw new InvalidSettingException($"Scale {Numerator}/{Denominator} needs a latent fold of {Numerator}, more than the supported 8",
                "Use a scale such as 1.5, 2, 3 or 4.");
    }

    /// <summary>p: the space-to-depth factor of the latent.</summary>
    public int Numerator { get; }

    /// <summary>q: the space-to-depth factor of the low-res conditioning frame.</summary>
    public int Denominator { get; }

    public double Value => Numerator / (double)Denominator;

    public static ScaleFactor X2 => new(2, 1);

    /// <summary>Channels of the latent: 3 colours times p*p.</summary>
    public int LatentChannels => 3 * Numerator * Numerator;

    /// <summary>Channels of the folded low-res frame: 3 colours times q*q.</summary>
    public int ConditionChannels => 3 * Denominator * Denominator;

    public int OutputSize(int inputSize) => checked(inputSize * Numerator / Denominator);

    /// <summary>The scales the product offers (FSR2/DLSS-style quality modes map onto these).</summary>
    public static IReadOnlyList<ScaleFactor> Supported { get; } = new[] { new ScaleFactor(3, 2), new ScaleFactor(2, 1), new ScaleFactor(3, 1), new ScaleFactor(4, 1) };

    /// <summary>Parses "2", "x2", "1.5", "3/2" into one of the <see cref="Supported"/> scales.</summary>
    public static ScaleFactor Parse(string text)
    {
        var parsed = ParseAny(text);
        if (!Supported.Contains(parsed))
            throw new InvalidSettingException($"Scale '{text}' is not supported", "Use 1.5, 2, 3 or 4.");
        return parsed;
    }

    private static ScaleFactor ParseAny(string text)
    {
        string s = text.Trim().TrimStart('x', 'X');
        int slash = s.IndexOf('/');
        if (slash > 0 && int.TryParse(s[..slash], NumberStyles.Integer, CultureInfo.InvariantCulture, out int p)
            && int.TryParse(s[(slash + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out int q))
            return new ScaleFactor(p, q);
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 1)
        {
            for (int den = 1; den <= 4; den++)
            {
                double num = value * den;
                if (Math.Abs(num - Math.Round(num)) < 1e-6) return new ScaleFactor((int)Math.Round(num), den);
            }
        }
        throw new InvalidSettingException($"'{text}' is not a supported scale", "Use 1.5, 2, 3 or 4.");
    }

    public override string ToString() => Denominator == 1
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : Value.ToString("0.###", CultureInfo.InvariantCulture);

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
