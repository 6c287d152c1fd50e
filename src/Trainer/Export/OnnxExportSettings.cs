using GdpoRealtime.Runtime.Errors;

namespace GdpoRealtime.Trainer.Export;

/// <summary>How a model becomes an ONNX graph.</summary>
public sealed record OnnxExportSettings
{
    /// <summary>
    /// Opset 17 by default: ONNX Runtime (1.14 on), TensorRT 8.6 on and Unreal NNE (which runs ONNX Runtime) load it,
    /// and every operator the graph uses (Conv, Relu, Add, Sub, Mul, Concat, Resize, SpaceToDepth, DepthToSpace) is
    /// already in its final form there. Older Unity Sentis releases import opsets 7-15 only: export with 15 or 13 for them.
    /// </summary>
    public const int DefaultOpset = 17;

    /// <summary>13 is the first opset with Resize's cubic_coeff_a and half_pixel mode and DepthToSpace's CRD mode as used here.</summary>
    public const int MinimumOpset = 13;

    /// <summary>The newest opset checked against ONNX Runtime; none of the graph's operators changes meaning up to it.</summary>
    public const int MaximumOpset = 21;

    public int Opset { get; init; } = DefaultOpset;

    /// <summary>
    /// With the noise input (default) the graph takes the noise field window and runs deterministically when fed
    /// zeros; without it the graph is the deterministic output only, one input less for engines that never add noise.
    /// </summary>
    public bool NoiseInput { get; init; } = true;

    public void Validate()
    {
        if (Opset is < MinimumOpset or > MaximumOpset)
            throw new InvalidSettingException($"ONNX opset {Opset} is outside the supported {MinimumOpset}-{MaximumOpset}",
                $"Use opset {DefaultOpset} (the default), or 13-15 for engines that import older opsets only.");
    }

    /// <summary>
    /// The ONNX IR version that goes with the opset: the oldest that allows it, so that older loaders read the file
    /// (ONNX's versioning table: opsets 13-14 need IR 7, 15-18 IR 8, 19-20 IR 9, 21 IR 10).
    /// </summary>
    internal long IrVersion => Opset switch
    {
        <= 14 => 7,
        <= 18 => 8,
        <= 20 => 9,
        _ => 10,
    };
}
