using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Runtime.Model;

/// <summary>
/// The shape of the compact noise-aware network f_theta. Everything needed to rebuild the network
/// before loading weights; stored in every checkpoint.
/// </summary>
public sealed record ModelArchitecture
{
    /// <summary>The only network form this version builds: the skip form of FINDINGS.md.</summary>
    public const string SkipFormKind = "naosd-skip";

    public string Kind { get; init; } = SkipFormKind;
    public int ScaleNumerator { get; init; } = 2;
    public int ScaleDenominator { get; init; } = 1;

    /// <summary>Feature channels of every hidden convolution.</summary>
    public int Channels { get; init; } = 32;

    /// <summary>Residual blocks between the head and the tail convolution.</summary>
    public int ResidualBlocks { get; init; } = 4;

    /// <summary>Width of the sinusoidal timestep embedding.</summary>
    public int TimestepEmbeddingWidth { get; init; } = 32;

    public ScaleFactor Scale => new(ScaleNumerator, ScaleDenominator);

    public static ModelArchitecture For(ScaleFactor scale, int channels = 32, int residualBlocks = 4) => new()
    {
        ScaleNumerator = scale.Numerator,
        ScaleDenominator = scale.Denominator,
        Channels = channels,
        ResidualBlocks = residualBlocks,
    };

    public void Validate()
    {
        if (Kind != SkipFormKind)
            throw new InvalidSettingException($"Network kind '{Kind}' is unknown to this version",
                $"Use a model of kind '{SkipFormKind}' or upgrade GdpoRealtime.");
        _ = Scale; // validates p/q
        if (Channels is < 4 or > 512 || ResidualBlocks is < 0 or > 64 || TimestepEmbeddingWidth is < 2 or > 1024 || TimestepEmbeddingWidth % 2 != 0)
            throw new InvalidSettingException(
                $"Architecture channels={Channels}, blocks={ResidualBlocks}, embedding={TimestepEmbeddingWidth} is out of range",
                "Use 4-512 channels, 0-64 blocks and an even embedding width of 2-1024.");
    }

    /// <summary>Multiply-accumulates per cell of the latent grid (the low-res grid for integer scales).</summary>
    public long MacsPerGridCell
    {
        get
        {
            var scale = Scale;
            long inputs = scale.LatentChannels + scale.ConditionChannels;
            long head = inputs * Channels * 9;
            long body = 2L * ResidualBlocks * Channels * Channels * 9;
            long tail = (long)Channels * scale.LatentChannels * 9;
            return head + body + tail;
        }
    }

    /// <summary>Floating-point operations (2 per MAC) of the network for one output frame.</summary>
    public double GigaFlopsPerFrame(int outputWidth, int outputHeight)
    {
        var scale = Scale;
        double cells = (double)(outputWidth / scale.Numerator) * (outputHeight / scale.Numerator);
        return 2.0 * MacsPerGridCell * cells / 1e9;
    }
}
