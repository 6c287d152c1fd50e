namespace GdpoRealtime.Demo.Rendering;

/// <summary>
/// How frames are rendered. The low-res frame is what a game renders before an upscaler: one sample per
/// pixel, no anti-aliasing, mipmapped trilinear texture filtering with the level-of-detail bias an upscaling
/// game sets (see <see cref="LowResMipBias"/>). The ground
/// truth renders the same scene and camera at <see cref="SupersampleFactor"/> x <see cref="SupersampleFactor"/>
/// the output size with the same texture filtering (so textures are supersampled too) and box-filters it
/// down in linear light: factor 2 is 4 samples per pixel.
/// </summary>
public sealed record RenderSettings
{
    /// <summary>Side of each square material texture layer in texels.</summary>
    public int TextureSize { get; init; } = 512;

    /// <summary>Samples per axis of the ground truth (2: 4 samples per pixel).</summary>
    public int SupersampleFactor { get; init; } = 2;

    /// <summary>Anisotropic filtering (1: off). Applies to both renders.</summary>
    public float MaxAnisotropy { get; init; } = 1;

    /// <summary>
    /// Texture level-of-detail bias of the low-res render. Null: log2(render width / display width), -1 at x2,
    /// which is what DLSS's and FSR's integration guides ask of a game that upscales, so the low-res frame
    /// samples textures at the detail the display will show. 0 renders as a game without an upscaler would.
    /// </summary>
    public float? LowResMipBias { get; init; }

    /// <summary>The bias used for a low-res render of <paramref name="lowResWidth"/> shown at <paramref name="displayWidth"/>.</summary>
    public float MipBiasFor(int lowResWidth, int displayWidth) =>
        LowResMipBias ?? (float)Math.Log2(lowResWidth / (double)displayWidth);

    public int SamplesPerTruthPixel => SupersampleFactor * SupersampleFactor;

    public void Validate()
    {
        if (TextureSize is < 16 or > 4096 || (TextureSize & (TextureSize - 1)) != 0)
            throw new Runtime.Errors.InvalidSettingException($"Texture size {TextureSize} is not a power of two between 16 and 4096", "Use 256, 512 or 1024.");
        if (SupersampleFactor is < 2 or > 4)
            throw new Runtime.Errors.InvalidSettingException($"Supersampling factor {SupersampleFactor} is outside 2..4",
                "Use 2 (4 samples per pixel), 3 (9) or 4 (16).");
        if (LowResMipBias is { } bias && !(bias >= -4 && bias <= 4))
            throw new Runtime.Errors.InvalidSettingException($"Mip bias {bias} is outside -4..4", "Use -1 (x2 upscaling, the default), 0 (no bias) or a value between.");
        if (!(MaxAnisotropy >= 1 && MaxAnisotropy <= 16))
            throw new Runtime.Errors.InvalidSettingException($"Anisotropy {MaxAnisotropy} is outside 1..16", "Use 1 (off), 4, 8 or 16.");
    }
}
