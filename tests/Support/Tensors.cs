using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Support;

public static class Tensors
{
    public static double MaxAbsDifference(Tensor a, Tensor b) => (a - b).abs().max().to(ScalarType.Float64).item<double>();

    public static bool BitEqual(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
