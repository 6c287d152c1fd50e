using static TorchSharp.torch;
using GdpoRealtime.Runtime.Compute;

namespace GdpoRealtime.Runtime.Imaging;

/// <summary>Conversions between 8-bit images and [1, 3, H, W] float tensors in [0, 1].</summary>
public static class ImageTensors
{
    public static Tensor ToTensor(RgbImage image, Device? device = null, ScalarType dataType = ScalarType.Float32)
    {
        using var scope = NewDisposeScope(); // keeps the intermediate tensors alive until the result is made (see HostTensors)
        var bytes = HostTensors.From(image.Pixels, image.Height, image.Width, 3);
        var floats = bytes.permute(2, 0, 1).unsqueeze(0).to(ScalarType.Float32).div_(255.0);
        return floats.to(device ?? CPU).to(dataType).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Clamps to [0, 1] and rounds to 8 bits. Takes the first image of a batch.</summary>
    public static RgbImage ToImage(Tensor images)
    {
        using var scope = NewDisposeScope();
        var single = images.dim() == 4 ? images[0] : images;
        var quantised = single.detach().to(CPU).to(ScalarType.Float32).clamp(0.0, 1.0).mul(255.0).round().to(ScalarType.Byte);
        var interleaved = quantised.permute(1, 2, 0).contiguous();
        int height = (int)interleaved.shape[0], width = (int)interleaved.shape[1];
        return new RgbImage(width, height, interleaved.data<byte>().ToArray());
    }
}
