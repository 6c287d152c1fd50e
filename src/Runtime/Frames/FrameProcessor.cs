using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Checkpoints;
using GdpoRealtime.Runtime.Tiling;
using GdpoRealtime.Runtime.Upscaling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Frames;

/// <summary>
/// The device-side half of every upscaler context: the model on its device at its precision, the context's noise
/// setting (the default of every dispatch), and one <see cref="FrameNetwork"/> (with its preallocated tensors) per render size the engine has used.
/// A dispatch at a size seen before allocates nothing; a new size (dynamic resolution) allocates its network once,
/// and the least recently used one is released when more than <see cref="MaxRenderSizes"/> are held.
/// </summary>
public sealed class FrameProcessor : IDisposable
{
    /// <summary>How many render sizes keep their networks at once.</summary>
    public const int MaxRenderSizes = 4;

    private readonly Dictionary<FrameSize, Entry> networks = new();
    private readonly ILogger logger;
    private long uses;
    private bool disposed;

    private FrameProcessor(NoiseAwareOneStepModel model, NoiseSetting noise, string source, FrameSize maxRenderSize, FrameSize displaySize, int? tileSide, ILogger logger)
    {
        TileSide = tileSide;
        Model = model;
        Noise = noise;
        ModelSource = source;
        MaxRenderSize = maxRenderSize;
        DisplaySize = displaySize;
        this.logger = logger;
    }

    public NoiseAwareOneStepModel Model { get; }

    /// <summary>The description's noise: what a dispatch gets when it names no strength or seed of its own.</summary>
    public NoiseSetting Noise { get; }
    public string ModelSource { get; }
    public FrameSize MaxRenderSize { get; }
    public FrameSize DisplaySize { get; }

    /// <summary>The description's tile side (null: tile only frames too large to run whole).</summary>
    public int? TileSide { get; }

    public Device Device => Model.Device;
    public ScalarType DataType => Model.DataType;
    public bool IsCuda => Device.type == TorchSharp.DeviceType.CUDA;

    /// <summary>Loads the description's model onto <paramref name="device"/> at the precision the description asks for.</summary>
    public static FrameProcessor Create(UpscalerDescription description, Device device)
    {
        description.Validate();
        var logger = description.Logger ?? NullLogger.Instance;
        var checkpoint = description.Model ?? ModelLoader.Find(description.ModelPath, null);
        bool cuda = device.type == TorchSharp.DeviceType.CUDA;
        var dataType = Precisions.ScalarTypeFor(description.Precision, cuda);
        if (description.Precision == Precision.Float16 && !cuda)
            logger.LogWarning("Float16 was asked for, but the network runs on the CPU, which computes in float32");
        var model = checkpoint.CreateModel();
        try
        {
            model.To(device, dataType);
            model.Network.eval();
            var noise = new NoiseSetting(description.NoiseSeed, description.NoiseStrength).Validated();
            return new FrameProcessor(model, noise, checkpoint.Source, description.ResolvedMaxRenderSize, description.DisplaySize, description.TileSide, logger);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The network for a render size (checked against the maximum), made on first use.</summary>
    public FrameNetwork NetworkFor(FrameSize renderSize) => EntryFor(renderSize).Network;

    /// <summary>Host copies for the network of a render size (host paths only), made on first use.</summary>
    public HostFrameCopy HostCopyFor(FrameSize renderSize)
    {
        var entry = EntryFor(renderSize);
        return entry.HostCopy ??= new HostFrameCopy(entry.Network);
    }

    /// <summary>A dispatch's noise: its own strength and seed where it gives them, the context's otherwise.</summary>
    public NoiseSetting NoiseFor(long? seed, double? strength) => new(seed ?? Noise.Seed, strength ?? Noise.Strength);

    /// <summary>Runs one frame of <paramref name="renderSize"/> so that first-use costs (kernel selection, caches, the noise field) are paid now.</summary>
    public void WarmUp(FrameSize renderSize)
    {
        NetworkFor(renderSize).Execute();
        Synchronize();
    }

    /// <summary>Waits for the network's queued work (CUDA); returns at once on the CPU, whose work is synchronous.</summary>
    public void Synchronize()
    {
        if (IsCuda) cuda.synchronize(Device);
    }

    private Entry EntryFor(FrameSize renderSize)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        DispatchChecks.RenderSize(renderSize, MaxRenderSize);
        if (!networks.TryGetValue(renderSize, out var entry))
        {
            if (networks.Count >= MaxRenderSizes) Evict();
            logger.LogDebug("Frame network for render size {Size} -> {Display}", renderSize, DisplaySize);
            entry = new Entry(new FrameNetwork(Model, Noise, renderSize, DisplaySize, TileSide));
            if (entry.Network.IsTiled)
                logger.LogInformation("Render size {Size} is upscaled in tiles of {Tile} px, so memory stays bounded", renderSize,
                    TileSide ?? TiledImageInference.DefaultTileSide);
            networks[renderSize] = entry;
        }
        entry.LastUse = ++uses;
        return entry;
    }

    private void Evict()
    {
        var oldest = networks.MinBy(p => p.Value.LastUse);
        // CUDA work may still read the tensors: wait before releasing them.
        Synchronize();
        oldest.Value.Dispose();
        networks.Remove(oldest.Key);
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        Synchronize();
        foreach (var entry in networks.Values) entry.Dispose();
        networks.Clear();
        Model.Dispose();
    }

    private sealed class Entry(FrameNetwork network) : IDisposable
    {
        public FrameNetwork Network { get; } = network;
        public HostFrameCopy? HostCopy { get; set; }
        public long LastUse { get; set; }

        public void Dispose()
        {
            HostCopy?.Dispose();
            Network.Dispose();
        }
    }
}
