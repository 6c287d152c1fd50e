using GdpoRealtime.Runtime.Upscaling;
using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Frames;

/// <summary>
/// Moves frames between host memory (rows of 4-byte pixels with any row pitch) and a <see cref="FrameNetwork"/>'s
/// tensors. On the CPU the rows are copied straight into the tensors' storage; on CUDA through host tensors made
/// once, then one host-to-device copy. Nothing is allocated per frame.
/// </summary>
public sealed unsafe class HostFrameCopy : IDisposable
{
    private readonly FrameNetwork network;
    private readonly Tensor? inputStaging;
    private readonly Tensor? outputStaging;
    private readonly byte* inputHost;
    private readonly byte* outputHost;
    private bool disposed;

    public HostFrameCopy(FrameNetwork network)
    {
        this.network = network;
        if (network.IsCuda)
        {
            inputStaging = empty(network.Input.shape, ScalarType.Byte, CPU).DetachFromDisposeScope();
            outputStaging = empty(network.Output.shape, ScalarType.Byte, CPU).DetachFromDisposeScope();
            inputHost = (byte*)inputStaging.storage<byte>().data_ptr();
            outputHost = (byte*)outputStaging.storage<byte>().data_ptr();
        }
        else
        {
            inputHost = (byte*)network.InputAddress;
            outputHost = (byte*)network.OutputAddress;
        }
    }

    /// <summary>Copies a render-size frame into the network's input. <paramref name="rowPitchBytes"/> 0 means rows are packed.</summary>
    public void WriteInput(ReadOnlySpan<byte> pixels, int rowPitchBytes)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var size = network.RenderSize;
        int row = size.Width * PixelFormats.BytesPerPixel;
        int pitch = rowPitchBytes == 0 ? row : rowPitchBytes;
        CheckSpan(pixels.Length, size, pitch, "input");
        if (pitch == row) pixels[..(row * size.Height)].CopyTo(new Span<byte>(inputHost, row * size.Height));
        else
            for (int y = 0; y < size.Height; y++)
                pixels.Slice(y * pitch, row).CopyTo(new Span<byte>(inputHost + (long)y * row, row));
        if (inputStaging is not null) network.Input.copy_(inputStaging);
    }

    /// <summary>Copies the network's display-size output into host memory. <paramref name="rowPitchBytes"/> 0 means rows are packed.</summary>
    public void ReadOutput(Span<byte> pixels, int rowPitchBytes)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var size = network.DisplaySize;
        int row = size.Width * PixelFormats.BytesPerPixel;
        int pitch = rowPitchBytes == 0 ? row : rowPitchBytes;
        CheckSpan(pixels.Length, size, pitch, "output");
        if (outputStaging is not null) outputStaging.copy_(network.Output);
        if (pitch == row) new ReadOnlySpan<byte>(outputHost, row * size.Height).CopyTo(pixels);
        else
            for (int y = 0; y < size.Height; y++)
                new ReadOnlySpan<byte>(outputHost + (long)y * row, row).CopyTo(pixels.Slice(y * pitch, row));
    }

    /// <summary>Bytes a frame of <paramref name="size"/> spans with <paramref name="rowPitchBytes"/> (the last row need not be padded).</summary>
    public static long SpanBytes(FrameSize size, int rowPitchBytes) =>
        (long)rowPitchBytes * (size.Height - 1) + (long)size.Width * PixelFormats.BytesPerPixel;

    /// <summary>
    /// Throws an <see cref="InvalidDispatchException"/> when <paramref name="length"/> bytes cannot hold a frame of
    /// <paramref name="size"/> with rows <paramref name="rowPitchBytes"/> apart (0: packed); <paramref name="which"/> names it.
    /// </summary>
    public static void CheckSpan(int length, FrameSize size, int rowPitchBytes, string which)
    {
        int pitch = rowPitchBytes == 0 ? size.Width * PixelFormats.BytesPerPixel : rowPitchBytes;
        int row = size.Width * PixelFormats.BytesPerPixel;
        if (pitch < row)
            throw new InvalidDispatchException($"The {which} row pitch of {pitch} bytes is less than a {size.Width}-pixel row ({row} bytes)",
                "Pass the distance between rows in bytes, or 0 for packed rows.");
        if (length < SpanBytes(size, pitch))
            throw new InvalidDispatchException($"The {which} holds {length} bytes, less than a {size} frame with {pitch}-byte rows ({SpanBytes(size, pitch)} bytes)",
                "Pass the whole frame.");
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        inputStaging?.Dispose();
        outputStaging?.Dispose();
    }
}
