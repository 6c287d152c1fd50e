using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Model;

/// <summary>Bicubic resampling on tensors, the baseline every model is held against.</summary>
public static class Resampling
{
    /// <summary>Bicubic (a = -0.75, half-pixel centres, as PyTorch and most engines do it) to an exact size.</summary>
    public static Tensor Bicubic(Tensor images, int height, int width) =>
        nn.functional.interpolate(images, size: new long[] { height, width },
            mode: InterpolationMode.Bicubic, align_corners: false);

    /// <summary>Bilinear to an exact size.</summary>
    public static Tensor Bilinear(Tensor images, int height, int width) =>
        nn.functional.interpolate(images, size: new long[] { height, width },
            mode: InterpolationMode.Bilinear, align_corners: false);

    /// <summary>Area (box) downscale by an integer factor: what a supersampled renderer's resolve does.</summary>
    public static Tensor AreaDownscale(Tensor images, int factor) =>
        nn.functional.avg_pool2d(images, factor, factor);
}
