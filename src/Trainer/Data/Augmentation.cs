using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Data;

/// <summary>The eight flips and transpositions of a square crop, applied identically to both images of a pair.</summary>
public static class Augmentation
{
    public static Tensor Apply(Tensor image, int variant)
    {
        var result = image.alias();
        if ((variant & 1) != 0) Replace(ref result, result.flip(-1));
        if ((variant & 2) != 0) Replace(ref result, result.flip(-2));
        if ((variant & 4) != 0) Replace(ref result, result.transpose(-1, -2));
        return result;
    }

    private static void Replace(ref Tensor current, Tensor next)
    {
        current.Dispose();
        current = next;
    }
}
