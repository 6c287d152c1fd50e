using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Compute;

/// <summary>
/// Tensors made from .NET arrays by copying them. TorchSharp's <c>torch.tensor(array, shape)</c> does not copy: it pins
/// the array and hands libtorch a deleter that unpins it when the tensor's storage dies. Measured here, 3,000 such
/// tensors made and copied in a loop with garbage collections crash the process with a segmentation fault about one
/// time in two, and the trainer crashed the same way loading a capture folder; a tensor that reads an array the
/// collector has moved or freed also reads garbage (NaN) without crashing. So this project never wraps a managed array:
/// every host array becomes a tensor through <see cref="From{T}(T[], long[])"/>, which copies it into libtorch's own memory.
/// </summary>
public static class HostTensors
{
    /// <summary>A new CPU tensor of the array's element type and the given shape, holding a copy of the values.</summary>
    public static Tensor From<T>(T[] values, params long[] shape) where T : unmanaged
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != values.Length)
            throw new ArgumentException($"{values.Length} values do not fill a tensor of shape [{string.Join(", ", shape)}].", nameof(values));
        var result = empty(shape, TypeOf<T>());
        result.bytes = MemoryMarshal.AsBytes(values.AsSpan());
        return result;
    }

    /// <summary>A new 1-D CPU tensor holding a copy of the values.</summary>
    public static Tensor From<T>(T[] values) where T : unmanaged => From(values, values.Length);

    private static ScalarType TypeOf<T>() => default(T) switch
    {
        float => ScalarType.Float32,
        double => ScalarType.Float64,
        byte => ScalarType.Byte,
        long => ScalarType.Int64,
        int => ScalarType.Int32,
        _ => throw new NotSupportedException($"No tensor type for {typeof(T).Name}."),
    };
}
