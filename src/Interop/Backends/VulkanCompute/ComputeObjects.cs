using GdpoRealtime.Interop.Vulkan;
using Silk.NET.Vulkan;
using Buffer = Silk.NET.Vulkan.Buffer;

namespace GdpoRealtime.Interop.Backends.VulkanCompute;

/// <summary>
/// The one place the vulkan-compute backend creates Vulkan objects and device memory: each is counted as it is made
/// (<see cref="Created"/>, so tests can hold "nothing is created per frame" to zero) and destroyed, newest first, on
/// dispose. Every creation is checked and an error names the call.
/// </summary>
internal sealed unsafe class ComputeObjects(VulkanDevice device) : IDisposable
{
    private readonly ResourceStack resources = new();
    private bool disposed;

    /// <summary>Vulkan objects and memory allocations made so far (a buffer with its memory counts two).</summary>
    public long Created { get; private set; }

    public VulkanDevice Device => device;

    public GpuBuffer DeviceBuffer(ulong bytes, BufferUsageFlags usage)
    {
        Created += 2;
        return resources.Add(GpuBuffer.CreateDeviceLocal(device, Math.Max(bytes, 16), usage));
    }

    public GpuBuffer HostBuffer(ulong bytes, BufferUsageFlags usage)
    {
        Created += 2;
        return resources.Add(GpuBuffer.CreateHostVisible(device, Math.Max(bytes, 16), usage));
    }

    /// <summary>A texel view of a whole buffer.</summary>
    public BufferView View(GpuBuffer buffer, Format format)
    {
        var info = new BufferViewCreateInfo
        {
            SType = StructureType.BufferViewCreateInfo,
            Buffer = buffer.Handle,
            Format = format,
            Offset = 0,
            Range = Vk.WholeSize,
        };
        BufferView created;
        device.Vk.CreateBufferView(device.Handle, &info, null, &created).Check($"vkCreateBufferView ({format})");
        var view = created;
        Created++;
        resources.Add(() => device.Vk.DestroyBufferView(device.Handle, view, null));
        return view;
    }

    public DescriptorSetLayout SetLayout(params (uint Binding, DescriptorType Type)[] bindings)
    {
        var layout = Descriptors.CreateLayout(device, bindings.Select(b => new DescriptorBinding(b.Binding, b.Type, ShaderStageFlags.ComputeBit)).ToArray());
        Created++;
        resources.Add(() => device.Vk.DestroyDescriptorSetLayout(device.Handle, layout, null));
        return layout;
    }

    public PipelineLayout PipelineLayout(DescriptorSetLayout setLayout, uint pushConstantBytes)
    {
        var layout = Pipelines.CreateLayout(device, new[] { setLayout }, pushConstantBytes, ShaderStageFlags.ComputeBit);
        Created++;
        resources.Add(() => device.Vk.DestroyPipelineLayout(device.Handle, layout, null));
        return layout;
    }

    public ShaderModule Shader(string fileName) => Shader(NetworkShaders.Load(fileName), fileName);

    public ShaderModule Shader(byte[] spirv, string name)
    {
        var module = Pipelines.CreateShaderModule(device, spirv, name);
        Created++;
        resources.Add(() => device.Vk.DestroyShaderModule(device.Handle, module, null));
        return module;
    }

    /// <summary>A compute pipeline whose specialization constants 0, 1, 2... take <paramref name="constants"/> (ints and VkBool32s).</summary>
    public Pipeline ComputePipeline(ShaderModule module, PipelineLayout layout, string name, params int[] constants)
    {
        using var entry = new NativeUtf8("main");
        var entries = new SpecializationMapEntry[constants.Length];
        for (int i = 0; i < constants.Length; i++) entries[i] = new SpecializationMapEntry((uint)i, (uint)(i * sizeof(int)), sizeof(int));
        Pipeline created;
        fixed (SpecializationMapEntry* entryPointer = entries)
        fixed (int* data = constants)
        {
            var specialization = new SpecializationInfo((uint)constants.Length, entryPointer, (nuint)(constants.Length * sizeof(int)), data);
            var info = new ComputePipelineCreateInfo
            {
                SType = StructureType.ComputePipelineCreateInfo,
                Stage = new PipelineShaderStageCreateInfo
                {
                    SType = StructureType.PipelineShaderStageCreateInfo,
                    Stage = ShaderStageFlags.ComputeBit,
                    Module = module,
                    PName = entry.Pointer,
                    PSpecializationInfo = &specialization,
                },
                Layout = layout,
            };
            device.Vk.CreateComputePipelines(device.Handle, default, 1, &info, null, &created).Check($"vkCreateComputePipelines ({name})");
        }
        var pipeline = created;
        Created++;
        resources.Add(() => device.Vk.DestroyPipeline(device.Handle, pipeline, null));
        return pipeline;
    }

    /// <summary>A pool holding <paramref name="sets"/> sets of up to five descriptors of each type the passes use.</summary>
    public DescriptorPool DescriptorPool(uint sets)
    {
        var sizes = stackalloc DescriptorPoolSize[]
        {
            new(DescriptorType.UniformTexelBuffer, sets * 5),
            new(DescriptorType.StorageTexelBuffer, sets * 5),
            new(DescriptorType.UniformBuffer, sets),
        };
        var info = new DescriptorPoolCreateInfo
        {
            SType = StructureType.DescriptorPoolCreateInfo,
            MaxSets = sets,
            PoolSizeCount = 3,
            PPoolSizes = sizes,
        };
        Silk.NET.Vulkan.DescriptorPool made;
        device.Vk.CreateDescriptorPool(device.Handle, &info, null, &made).Check("vkCreateDescriptorPool");
        var pool = made;
        Created++;
        resources.Add(() => device.Vk.DestroyDescriptorPool(device.Handle, pool, null));
        return pool;
    }

    /// <summary>A descriptor set from <paramref name="pool"/> (released with the pool).</summary>
    public DescriptorSet Set(Silk.NET.Vulkan.DescriptorPool pool, DescriptorSetLayout layout)
    {
        Created++;
        return Descriptors.Allocate(device, pool, layout);
    }

    public CommandBuffer CommandBuffer()
    {
        var buffer = SubmitHelper.AllocateCommandBuffer(device);
        Created++;
        resources.Add(() =>
        {
            var b = buffer;
            device.Vk.FreeCommandBuffers(device.Handle, device.CommandPool, 1, &b);
        });
        return buffer;
    }

    public Fence Fence(bool signalled)
    {
        var fence = SubmitHelper.CreateFence(device, signalled);
        Created++;
        resources.Add(() => device.Vk.DestroyFence(device.Handle, fence, null));
        return fence;
    }

    public TimestampQueries Timestamps(int slots, int perSlot)
    {
        Created++;
        return resources.Add(new TimestampQueries(device, slots, perSlot));
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        resources.Dispose();
    }
}
