using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Runtime.Model.Portable;
using GdpoRealtime.Runtime.Upscaling;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Backends.VulkanCompute;

/// <summary>
/// The network on a Vulkan device: its passes' pipelines, the weights and the noise window of eps for the seed
/// (uploaded at creation, and again only when a dispatch asks for another seed: the strength is a push constant),
/// and every intermediate buffer, sized for the context's largest render size, with their descriptor sets
/// written once. <see cref="NetworkRecorder"/> records a frame's passes with push constants only, so recording
/// allocates and creates nothing. Buffers: the frame's bytes (copied from the engine's image), the head's features,
/// a scratch and a running activation (ping-pong through the blocks), z for the skip add, the output pixels (copied
/// into the engine's image) and, for resampling, the unclipped output.
/// </summary>
internal sealed class VulkanComputeNetwork : IDisposable
{
    private readonly ComputeObjects objects;
    private GpuBuffer noiseBuffer = null!;
    private bool disposed;

    private VulkanComputeNetwork(ComputeObjects objects, PortableNetwork network, WeightForm form, FrameSize maxRender, FrameSize display)
    {
        this.objects = objects;
        Network = network;
        Form = form;
        MaxRender = maxRender;
        Display = display;
        MaxGeometry = NetworkGeometry.For(network.Scale, maxRender, display);
    }

    public PortableNetwork Network { get; }
    public WeightForm Form { get; }
    public bool Float16 => Form == WeightForm.UniformFloat16;
    public FrameSize MaxRender { get; }
    public FrameSize Display { get; }
    public NetworkGeometry MaxGeometry { get; }
    public VulkanDevice Device => objects.Device;

    /// <summary>The seed whose window of eps the noise buffer holds.</summary>
    public long NoiseSeed { get; private set; }

    /// <summary>Vulkan objects and allocations made by this network (creation only; recording makes none).</summary>
    public long ObjectsCreated => objects.Created;

    /// <summary>Texels between activation planes (the largest grid's plane with its border).</summary>
    public int PlaneStride { get; private set; }

    internal GpuBuffer FrameBytes { get; private set; } = null!;
    internal GpuBuffer Pixels { get; private set; } = null!;
    internal GpuBuffer Image { get; private set; } = null!;
    internal ComputePass Head { get; private set; } = null!;
    internal IReadOnlyList<ComputePass> Body { get; private set; } = Array.Empty<ComputePass>();
    internal ComputePass Tail { get; private set; } = null!;
    internal ComputePass Resample { get; private set; } = null!;

    /// <summary>
    /// How a device runs the weights: float16 from a uniform buffer when asked; baked into the pipelines on a CPU device
    /// when every layer fits a baked pass; float32 from a uniform buffer otherwise.
    /// </summary>
    public static WeightForm FormFor(VulkanDevice device, PortableNetwork network, bool float16) =>
        float16 ? WeightForm.UniformFloat16
        : device.Physical.IsCpu && network.Convolutions.All(c => BakedWeights.Fits(WeightPacking.Vectors(c))) ? WeightForm.Baked
        : WeightForm.Uniform;

    /// <param name="noiseSeed">The seed of the noise field (its window of eps is made for the largest grid and uploaded here).</param>
    public static VulkanComputeNetwork Create(VulkanDevice device, PortableNetwork network, WeightForm form, FrameSize maxRender, FrameSize display, long noiseSeed)
    {
        var objects = new ComputeObjects(device);
        var created = new VulkanComputeNetwork(objects, network, form, maxRender, display);
        try
        {
            created.NoiseSeed = noiseSeed;
            created.Build(NoiseWindow(network.Scale, maxRender, display, noiseSeed));
            return created;
        }
        catch
        {
            created.Dispose();
            throw;
        }
    }

    private void Build(float[] noise)
    {
        var device = objects.Device;
        var scale = Network.Scale;
        var grid = MaxGeometry.Grid;
        int channels = Network.Architecture.Channels;
        int featureGroups = WeightPacking.Groups(channels), latentGroups = WeightPacking.Groups(scale.LatentChannels);
        var activation = Float16 ? Format.R16G16B16A16Sfloat : Format.R32G32B32A32Sfloat;
        ulong texelBytes = Float16 ? 8ul : 16ul;
        PlaneStride = checked((int)MaxGeometry.PlaneTexels);
        const BufferUsageFlags texels = BufferUsageFlags.UniformTexelBufferBit | BufferUsageFlags.StorageTexelBufferBit;

        FrameBytes = objects.DeviceBuffer((ulong)MaxRender.Pixels * 4, BufferUsageFlags.UniformTexelBufferBit);
        noiseBuffer = objects.DeviceBuffer((ulong)scale.LatentChannels * (ulong)grid.Pixels * 4, BufferUsageFlags.UniformTexelBufferBit);
        var features = objects.DeviceBuffer((ulong)featureGroups * (ulong)PlaneStride * texelBytes, texels);
        var scratch = objects.DeviceBuffer((ulong)featureGroups * (ulong)PlaneStride * texelBytes, texels);
        var hidden = objects.DeviceBuffer((ulong)featureGroups * (ulong)PlaneStride * texelBytes, texels);
        var latent = objects.DeviceBuffer((ulong)latentGroups * (ulong)PlaneStride * 16, texels);
        Pixels = objects.DeviceBuffer((ulong)Display.Pixels * 4, BufferUsageFlags.StorageTexelBufferBit | BufferUsageFlags.TransferSrcBit);
        Image = objects.DeviceBuffer(3ul * (ulong)MaxGeometry.ModelOutput.Pixels * 4, texels | BufferUsageFlags.TransferSrcBit);

        var frameView = objects.View(FrameBytes, Format.R8G8B8A8Unorm);
        var noiseView = objects.View(noiseBuffer, Format.R32Sfloat);
        var featuresView = objects.View(features, activation);
        var scratchView = objects.View(scratch, activation);
        var hiddenView = objects.View(hidden, activation);
        var latentView = objects.View(latent, Format.R32G32B32A32Sfloat);
        var pixelsView = objects.View(Pixels, Format.R32Uint);
        var imageView = objects.View(Image, Format.R32Sfloat);

        // Weights: every convolution's block in one uniform buffer, each at an aligned offset, bound by range.
        var packed = new List<float[]>();
        var convolutions = Network.Convolutions.ToList();
        for (int i = 0; i < convolutions.Count; i++)
        {
            // Without residual blocks the tail reads features + features: doubling its weights is the same sum, exactly.
            float weightScale = i == convolutions.Count - 1 && Network.ResidualBlocks == 0 ? 2f : 1f;
            packed.Add(WeightPacking.Pack(convolutions[i], weightScale));
        }
        var blocks = packed.Select(p => WeightPacking.Bytes(p, Float16)).ToList();
        ulong alignment = Math.Max(16ul, device.Physical.Limits.MinUniformBufferOffsetAlignment);
        var offsets = new ulong[blocks.Count];
        ulong total = 0;
        for (int i = 0; i < blocks.Count; i++)
        {
            offsets[i] = total;
            total = (total + (ulong)blocks[i].Length + alignment - 1) / alignment * alignment;
        }
        var weights = objects.DeviceBuffer(total, BufferUsageFlags.UniformBufferBit);
        Upload(weights, blocks, offsets, noiseBuffer, noise);

        var pipelines = new NetworkPipelines(objects, Network, Form);
        var pool = objects.DescriptorPool((uint)(3 + Network.Body.Count));

        Head = pipelines.Head(pool, packed[0]);
        Head.Texel(NetworkLayout.HeadFrame, DescriptorType.UniformTexelBuffer, frameView);
        Head.Texel(NetworkLayout.HeadNoise, DescriptorType.UniformTexelBuffer, noiseView);
        Head.Uniform(NetworkLayout.HeadWeights, weights, offsets[0], (ulong)blocks[0].Length);
        Head.Texel(NetworkLayout.HeadFeatures, DescriptorType.StorageTexelBuffer, featuresView);
        Head.Texel(NetworkLayout.HeadLatent, DescriptorType.StorageTexelBuffer, latentView);

        // Block i: scratch = relu(first(h) + bias); h = second(scratch) + h (+ features after the last block).
        // h starts as the head's features, which the tail needs again, so the first block writes h into its own buffer.
        var body = new List<ComputePass>();
        for (int block = 0; block < Network.ResidualBlocks; block++)
        {
            bool last = block == Network.ResidualBlocks - 1;
            var input = block == 0 ? featuresView : hiddenView;
            var first = pipelines.Convolution(pool, $"block {block} first", relu: true, residuals: 0, packed[1 + 2 * block]);
            first.Texel(NetworkLayout.ConvSource, DescriptorType.UniformTexelBuffer, input);
            first.Uniform(NetworkLayout.ConvWeights, weights, offsets[1 + 2 * block], (ulong)blocks[1 + 2 * block].Length);
            first.Texel(NetworkLayout.ConvTarget, DescriptorType.StorageTexelBuffer, scratchView);
            first.Texel(NetworkLayout.ConvResidual0, DescriptorType.UniformTexelBuffer, input);
            first.Texel(NetworkLayout.ConvResidual1, DescriptorType.UniformTexelBuffer, input);
            body.Add(first);
            var second = pipelines.Convolution(pool, $"block {block} second", relu: false, residuals: last ? 2 : 1, packed[2 + 2 * block]);
            second.Texel(NetworkLayout.ConvSource, DescriptorType.UniformTexelBuffer, scratchView);
            second.Uniform(NetworkLayout.ConvWeights, weights, offsets[2 + 2 * block], (ulong)blocks[2 + 2 * block].Length);
            second.Texel(NetworkLayout.ConvTarget, DescriptorType.StorageTexelBuffer, hiddenView);
            second.Texel(NetworkLayout.ConvResidual0, DescriptorType.UniformTexelBuffer, input);
            second.Texel(NetworkLayout.ConvResidual1, DescriptorType.UniformTexelBuffer, featuresView);
            body.Add(second);
        }
        Body = body;

        Tail = pipelines.Tail(pool, packed[^1]);
        Tail.Texel(NetworkLayout.TailSource, DescriptorType.UniformTexelBuffer, Network.ResidualBlocks == 0 ? featuresView : hiddenView);
        Tail.Uniform(NetworkLayout.TailWeights, weights, offsets[^1], (ulong)blocks[^1].Length);
        Tail.Texel(NetworkLayout.TailLatent, DescriptorType.UniformTexelBuffer, latentView);
        Tail.Texel(NetworkLayout.TailPixels, DescriptorType.StorageTexelBuffer, pixelsView);
        Tail.Texel(NetworkLayout.TailImage, DescriptorType.StorageTexelBuffer, imageView);

        Resample = pipelines.Resample(pool);
        Resample.Texel(NetworkLayout.ResampleImage, DescriptorType.UniformTexelBuffer, imageView);
        Resample.Texel(NetworkLayout.ResamplePixels, DescriptorType.StorageTexelBuffer, pixelsView);
    }

    /// <summary>One staging copy at creation: the weight blocks and the noise window.</summary>
    private unsafe void Upload(GpuBuffer weights, List<byte[]> blocks, ulong[] offsets, GpuBuffer noiseBuffer, float[] noise)
    {
        var device = objects.Device;
        ulong weightBytes = offsets[^1] + (ulong)blocks[^1].Length;
        ulong noiseBytes = (ulong)noise.Length * 4;
        using var staging = GpuBuffer.CreateHostVisible(device, weightBytes + noiseBytes + 16, BufferUsageFlags.TransferSrcBit);
        for (int i = 0; i < blocks.Count; i++) staging.Write<byte>(blocks[i], offsets[i]);
        staging.Write<float>(noise, weightBytes);
        device.Submit(cmd =>
        {
            var weightRegion = new BufferCopy(0, 0, weightBytes);
            device.Vk.CmdCopyBuffer(cmd, staging.Handle, weights.Handle, 1, &weightRegion);
            var noiseRegion = new BufferCopy(weightBytes, 0, noiseBytes);
            device.Vk.CmdCopyBuffer(cmd, staging.Handle, noiseBuffer.Handle, 1, &noiseRegion);
            var barrier = new MemoryBarrier
            {
                SType = StructureType.MemoryBarrier,
                SrcAccessMask = AccessFlags.TransferWriteBit,
                DstAccessMask = AccessFlags.UniformReadBit | AccessFlags.ShaderReadBit,
            };
            device.Vk.CmdPipelineBarrier(cmd, PipelineStageFlags.TransferBit, PipelineStageFlags.ComputeShaderBit, 0, 1, &barrier, 0, null, 0, null);
        });
    }

    /// <summary>The noise window for the largest grid of a context: eps (strength 1) at the latent grid's origin.</summary>
    public static float[] NoiseWindow(ScaleFactor scale, FrameSize maxRender, FrameSize display, long seed)
    {
        var grid = NetworkGeometry.For(scale, maxRender, display).Grid;
        return GaussianNoise.Window(seed, 1.0, scale.LatentChannels, 0, 0, grid.Height, grid.Width);
    }

    /// <summary>
    /// Makes the noise buffer hold <paramref name="seed"/>'s window, if it holds another. The buffer is read by every frame
    /// in flight, so this waits for the queue to finish its work, then uploads through a staging buffer made for the
    /// purpose: a rare, blocking change (a seed is meant to stay, or the output flickers). Frames recorded into an engine's
    /// command buffer that is not yet submitted will read the new window.
    /// </summary>
    public void UseSeed(long seed)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (seed == NoiseSeed) return;
        UploadNoise(seed);
        NoiseSeed = seed;
    }

    /// <summary>Apart from <see cref="UseSeed"/>, whose every-frame call must not pay for this method's closure.</summary>
    private unsafe void UploadNoise(long seed)
    {
        var device = objects.Device;
        var noise = NoiseWindow(Network.Scale, MaxRender, Display, seed);
        ulong bytes = (ulong)noise.Length * 4;
        using var staging = GpuBuffer.CreateHostVisible(device, bytes, BufferUsageFlags.TransferSrcBit);
        staging.Write<float>(noise);
        lock (device.QueueGate) device.Vk.QueueWaitIdle(device.Queue).Check("vkQueueWaitIdle");
        device.Submit(cmd =>
        {
            var region = new BufferCopy(0, 0, bytes);
            device.Vk.CmdCopyBuffer(cmd, staging.Handle, noiseBuffer.Handle, 1, &region);
            var barrier = new MemoryBarrier { SType = StructureType.MemoryBarrier, SrcAccessMask = AccessFlags.TransferWriteBit, DstAccessMask = AccessFlags.ShaderReadBit };
            device.Vk.CmdPipelineBarrier(cmd, PipelineStageFlags.TransferBit, PipelineStageFlags.ComputeShaderBit, 0, 1, &barrier, 0, null, 0, null);
        });
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        objects.Dispose();
    }
}
