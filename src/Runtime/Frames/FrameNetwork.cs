using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Tiling;
using GdpoRealtime.Runtime.Upscaling;
using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Frames;

/// <summary>
/// The network set up for frames of one render size (<see cref="FrameProcessor"/> keeps one per size): the per-frame
/// work every backend shares, on the model's device: an RGBA8 frame at the render size in <see cref="Input"/>, the
/// network with its fixed noise field (<see cref="Noise"/>: the strength may change from one
/// frame to the next at no cost, the seed by making one new window), and an RGBA8 frame at the display size in
/// <see cref="Output"/>. Both buffers are allocated once, contiguous, so a backend can copy into and out of
/// their storage directly (<see cref="InputAddress"/>, <see cref="OutputAddress"/>: a device-to-device copy on
/// CUDA, a host copy on the CPU). When the display/render ratio differs from the model's scale, the model's output
/// is resampled to the display size (area filter when shrinking, bicubic when enlarging). Colour values are passed
/// through as encoded (sRGB frames stay sRGB): the model was trained on encoded images. BGRA frames are swizzled on
/// the model's device, so backends copy pixels as they are. A frame runs as one compiled TorchScript function
/// (<see cref="FrameScript"/>); the model's weights must not change while a frame network exists. A frame too large for the
/// whole-frame network to stay within <see cref="WholeFrameActivationLimitBytes"/> per activation runs in tiles instead
/// (<see cref="IsTiled"/>, eager, same result within float rounding), when the model's output is the display size.
/// </summary>
public sealed class FrameNetwork : IDisposable
{
    /// <summary>
    /// The largest network activation (channels x latent cells x element size) a whole frame may need before it is
    /// upscaled in tiles: a frame's peak is several activations. 1920x1080 rendered for the built-in x2 model (32
    /// channels, float32) is 253 MiB and stays whole; 2560x1440 (450 MiB) and larger are tiled.
    /// </summary>
    public const long WholeFrameActivationLimitBytes = 256L << 20;

    private readonly NoiseAwareOneStepModel model;
    private readonly FrameScript? script;
    private readonly FrameNoise? frameNoise;
    private readonly TileLayout? tiles;
    private TiledImageInference? tiler;
    private NoiseField? tileNoise;
    private NoiseSetting noise;
    private bool disposed;

    /// <param name="noise">The noise the frames get until <see cref="Noise"/> is set.</param>
    /// <param name="tileSide">Upscale frames larger than this (input pixels) in tiles of this side; null tiles only frames above <see cref="WholeFrameActivationLimitBytes"/>, in tiles of <see cref="TiledImageInference.DefaultTileSide"/>.</param>
    public FrameNetwork(NoiseAwareOneStepModel model, NoiseSetting noise, FrameSize renderSize, FrameSize displaySize, int? tileSide = null)
    {
        ImageInference.CheckInputSize(renderSize.Width, renderSize.Height, model.Scale, "render target");
        if (displaySize.Width < renderSize.Width || displaySize.Height < renderSize.Height)
            throw new InvalidSettingException($"Display size {displaySize} is smaller than the render size {renderSize}",
                "Render at or below the display size (QualityModes.RenderSize gives the usual sizes).");
        this.model = model;
        this.noise = noise.Validated();
        RenderSize = renderSize;
        DisplaySize = displaySize;
        Input = zeros(new long[] { renderSize.Height, renderSize.Width, 4 }, ScalarType.Byte, model.Device).DetachFromDisposeScope();
        Output = full(new long[] { displaySize.Height, displaySize.Width, 4 }, 255, ScalarType.Byte, model.Device).DetachFromDisposeScope();
        // Fresh contiguous tensors start at offset 0 of their storage, so the storage's address is the first pixel's.
        InputAddress = Input.storage<byte>().data_ptr();
        OutputAddress = Output.storage<byte>().data_ptr();
        int paddedHeight = renderSize.Height + (model.Scale.Denominator - renderSize.Height % model.Scale.Denominator) % model.Scale.Denominator;
        int paddedWidth = renderSize.Width + (model.Scale.Denominator - renderSize.Width % model.Scale.Denominator) % model.Scale.Denominator;
        tiles = TilesFor(model, renderSize, displaySize, tileSide);
        if (tiles is not null)
        {
            // Tiles make their noise windows as they go: the whole field of so large a frame is what tiling avoids holding.
            tileNoise = new NoiseField(noise.Seed, noise.Strength);
            tiler = new TiledImageInference(model, tileNoise);
            return;
        }
        // Always made, even at strength 0 (where it holds zeros), so that any strength can follow without recompiling.
        frameNoise = new FrameNoise(noise, model.LatentShape(paddedHeight, paddedWidth), model.Device, model.DataType);
        try
        {
            script = new FrameScript(model, frameNoise.Scaled, Input, Output, renderSize, displaySize);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A libtorch without TorchScript support still upscales, through the eager path.
            CompileError = e.Message;
        }
    }

    /// <summary>The tiles a frame is upscaled in, or null when frames run whole.</summary>
    public static TileLayout? TilesFor(NoiseAwareOneStepModel model, FrameSize renderSize, FrameSize displaySize, int? tileSide)
    {
        var scale = model.Scale;
        if (scale.OutputSize(renderSize.Width) != displaySize.Width || scale.OutputSize(renderSize.Height) != displaySize.Height)
            return null; // the resampling to another display size works on the whole output
        if (tileSide is null)
        {
            long cells = (long)((renderSize.Width + scale.Denominator - 1) / scale.Denominator) * ((renderSize.Height + scale.Denominator - 1) / scale.Denominator);
            long activation = cells * model.Architecture.Channels * (model.DataType == ScalarType.Float32 ? 4 : 2);
            if (activation <= WholeFrameActivationLimitBytes) return null;
        }
        var layout = new TileLayout(renderSize.Width, renderSize.Height, scale, tileSide ?? TiledImageInference.DefaultTileSide, TileHalo.Cells(model.Architecture));
        return layout.Tiles.Count > 1 ? layout : null;
    }

    /// <summary>True when frames are upscaled tile by tile (a frame too large for the whole-frame network's memory, or a tile side asked for).</summary>
    public bool IsTiled => tiles is not null;

    /// <summary>True when frames run as one compiled TorchScript function (see <see cref="FrameScript"/>), false on the eager path.</summary>
    public bool IsCompiled => script is not null;

    /// <summary>
    /// The noise the next frames get. Setting another strength rescales the network's window in place; another seed
    /// makes the seed's window (the one costly change, meant for rare use). On CUDA the change is queued on the stream,
    /// in order with the frames before and after it.
    /// </summary>
    public NoiseSetting Noise
    {
        get => noise;
        set
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (value == noise) return;
            value = value.Validated();
            if (frameNoise is not null) frameNoise.Apply(value);
            else
            {
                var tileField = new NoiseField(value.Seed, value.Strength);
                tileNoise?.Dispose();
                tileNoise = tileField;
                tiler = new TiledImageInference(model, tileField);
            }
            noise = value;
        }
    }

    /// <summary>Noise windows this network has made (one at creation and one per seed change; tiled networks make theirs per tile and report 0).</summary>
    public int NoiseWindowsMade => frameNoise?.WindowsMade ?? 0;

    /// <summary>Why the frame function could not be compiled, or null.</summary>
    public string? CompileError { get; }

    public FrameSize RenderSize { get; }
    public FrameSize DisplaySize { get; }
    public Device Device => model.Device;
    public ScalarType DataType => model.DataType;
    public bool IsCuda => model.Device.type == TorchSharp.DeviceType.CUDA;

    /// <summary>The frame to upscale: [render height, render width, 4] bytes (RGBA or BGRA), on the model's device.</summary>
    public Tensor Input { get; }

    /// <summary>The upscaled frame: [display height, display width, 4] bytes (alpha 255), on the model's device.</summary>
    public Tensor Output { get; }

    /// <summary>Address of <see cref="Input"/>'s first byte: a host address on the CPU, a CUDA device address on CUDA.</summary>
    public nint InputAddress { get; }

    /// <summary>Address of <see cref="Output"/>'s first byte: a host address on the CPU, a CUDA device address on CUDA.</summary>
    public nint OutputAddress { get; }

    /// <summary>Bytes of <see cref="Input"/>: rows of render width x 4, no padding.</summary>
    public long InputBytes => RenderSize.Pixels * PixelFormats.BytesPerPixel;

    /// <summary>Bytes of <see cref="Output"/>: rows of display width x 4, no padding.</summary>
    public long OutputBytes => DisplaySize.Pixels * PixelFormats.BytesPerPixel;

    /// <summary>Upscales an RGBA <see cref="Input"/> into an RGBA <see cref="Output"/>.</summary>
    public void Execute() => Execute(ChannelOrder.Rgba, ChannelOrder.Rgba);

    /// <summary>
    /// Upscales <see cref="Input"/> into <see cref="Output"/>, reading and writing the given channel orders.
    /// Asynchronous on CUDA: the work is queued on the current (default) stream and the caller synchronises.
    /// </summary>
    public void Execute(ChannelOrder input, ChannelOrder output)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (tiler is not null) ExecuteTiled(input, output);
        else if (script is not null) script.Run(input, output);
        else ExecuteEager(input, output);
    }

    /// <summary>Tile by tile: each tile's bytes are written into its place in <see cref="Output"/> as soon as it is done.</summary>
    private void ExecuteTiled(ChannelOrder input, ChannelOrder output)
    {
        tiler!.Run(new FrameTileSource(Input, input), tiles!, (tile, values) =>
        {
            var bytes = values.clamp(0.0, 1.0).mul_(255.0).round_().to(ScalarType.Byte)[0].permute(1, 2, 0);
            if (output == ChannelOrder.Bgra) bytes = bytes.flip(2);
            Output.narrow(0, tile.Output.Top, tile.Output.Height).narrow(1, tile.Output.Left, tile.Output.Width).narrow(2, 0, 3).copy_(bytes);
        });
    }

    /// <summary>The same computation op by op through TorchSharp: the reference the compiled function is held to.</summary>
    internal void ExecuteEager(ChannelOrder input, ChannelOrder output)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var colour = Input.narrow(2, 0, 3);
        if (input == ChannelOrder.Bgra) colour = colour.flip(2);
        var lowRes = colour.permute(2, 0, 1).unsqueeze(0).to(model.DataType).div_(255.0);
        var upscaled = ImageInference.Upscale(model, lowRes, frameNoise?.Scaled);
        if (upscaled.shape[2] != DisplaySize.Height || upscaled.shape[3] != DisplaySize.Width)
            upscaled = Resize(upscaled);
        var bytes = upscaled.clamp_(0.0, 1.0).mul_(255.0).round_().to(ScalarType.Byte)[0].permute(1, 2, 0);
        if (output == ChannelOrder.Bgra) bytes = bytes.flip(2);
        Output.narrow(2, 0, 3).copy_(bytes);
    }

    private Tensor Resize(Tensor frame)
    {
        bool shrinking = frame.shape[2] >= DisplaySize.Height && frame.shape[3] >= DisplaySize.Width;
        var size = new long[] { DisplaySize.Height, DisplaySize.Width };
        return shrinking
            ? nn.functional.interpolate(frame, size: size, mode: InterpolationMode.Area)
            : nn.functional.interpolate(frame, size: size, mode: InterpolationMode.Bicubic, align_corners: false);
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        script?.Dispose();
        frameNoise?.Dispose();
        tileNoise?.Dispose();
        Input.Dispose();
        Output.Dispose();
    }
}
