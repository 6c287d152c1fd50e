using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Backends.VulkanCompute;

/// <summary>
/// The pipelines of the network's passes, made once per context: the head, three forms of the body's convolution
/// (first of a block: ReLU; second: plus the block's input; last block's second: plus the features too), the tail and
/// the resampler. With weights in a uniform buffer, convolutions of one form share a pipeline and differ only in their
/// descriptor sets; with baked weights every layer has its own pipeline, made from its patched module.
/// </summary>
internal sealed class NetworkPipelines
{
    private readonly ComputeObjects objects;
    private readonly WeightForm form;
    private readonly DescriptorSetLayout headLayout, convLayout, tailLayout, resampleLayout;
    private readonly PipelineLayout headPipelineLayout, convPipelineLayout, tailPipelineLayout, resamplePipelineLayout;
    private readonly int[] headConstants, tailConstants;
    private readonly int features;
    private readonly Dictionary<string, ShaderModule> modules = new();
    private readonly Dictionary<string, Pipeline> shared = new();

    public NetworkPipelines(ComputeObjects objects, Runtime.Model.Portable.PortableNetwork network, WeightForm form)
    {
        this.objects = objects;
        this.form = form;
        const DescriptorType sampled = DescriptorType.UniformTexelBuffer, storage = DescriptorType.StorageTexelBuffer, uniform = DescriptorType.UniformBuffer;
        headLayout = objects.SetLayout((NetworkLayout.HeadFrame, sampled), (NetworkLayout.HeadNoise, sampled), (NetworkLayout.HeadWeights, uniform),
            (NetworkLayout.HeadFeatures, storage), (NetworkLayout.HeadLatent, storage));
        convLayout = objects.SetLayout((NetworkLayout.ConvSource, sampled), (NetworkLayout.ConvWeights, uniform), (NetworkLayout.ConvTarget, storage),
            (NetworkLayout.ConvResidual0, sampled), (NetworkLayout.ConvResidual1, sampled));
        tailLayout = objects.SetLayout((NetworkLayout.TailSource, sampled), (NetworkLayout.TailWeights, uniform), (NetworkLayout.TailLatent, sampled),
            (NetworkLayout.TailPixels, storage), (NetworkLayout.TailImage, storage));
        resampleLayout = objects.SetLayout((NetworkLayout.ResampleImage, sampled), (NetworkLayout.ResamplePixels, storage));
        headPipelineLayout = objects.PipelineLayout(headLayout, NetworkPush.Size);
        convPipelineLayout = objects.PipelineLayout(convLayout, NetworkPush.Size);
        tailPipelineLayout = objects.PipelineLayout(tailLayout, NetworkPush.Size);
        resamplePipelineLayout = objects.PipelineLayout(resampleLayout, NetworkPush.Size);

        var scale = network.Scale;
        features = WeightPacking.Groups(network.Architecture.Channels);
        int inputs = WeightPacking.Groups(scale.LatentChannels + scale.ConditionChannels);
        int latent = WeightPacking.Groups(scale.LatentChannels);
        headConstants = new[] { scale.Numerator, scale.Denominator, inputs, features, latent };
        tailConstants = new[] { scale.Numerator, features, latent };
    }

    public bool Baked => form == WeightForm.Baked;

    public ComputePass Head(DescriptorPool pool, float[] weights) =>
        Pass(pool, headLayout, headPipelineLayout, Pipeline("head", Shader(NetworkShaders.Head, NetworkShaders.HeadFloat16, NetworkShaders.HeadBaked),
            headPipelineLayout, weights, headConstants), "head");

    /// <summary>A body convolution: <paramref name="relu"/> for a block's first, <paramref name="residuals"/> 1 or 2 for its second.</summary>
    public ComputePass Convolution(DescriptorPool pool, string name, bool relu, int residuals, float[] weights) =>
        Pass(pool, convLayout, convPipelineLayout, Pipeline(name, Shader(NetworkShaders.Convolution, NetworkShaders.ConvolutionFloat16, NetworkShaders.ConvolutionBaked),
            convPipelineLayout, weights, features, features, relu ? 1 : 0, residuals), name);

    public ComputePass Tail(DescriptorPool pool, float[] weights) =>
        Pass(pool, tailLayout, tailPipelineLayout, Pipeline("tail", Shader(NetworkShaders.Tail, NetworkShaders.TailFloat16, NetworkShaders.TailBaked),
            tailPipelineLayout, weights, tailConstants), "tail");

    public ComputePass Resample(DescriptorPool pool)
    {
        if (!shared.TryGetValue("resample", out var pipeline))
            shared["resample"] = pipeline = objects.ComputePipeline(Module(NetworkShaders.Resample), resamplePipelineLayout, "resample");
        return Pass(pool, resampleLayout, resamplePipelineLayout, pipeline, "resample");
    }

    private string Shader(string plain, string float16, string baked) => form switch
    {
        WeightForm.UniformFloat16 => float16,
        WeightForm.Baked => baked,
        _ => plain,
    };

    /// <summary>Baked: a pipeline of this layer's patched module. Otherwise one pipeline per shader and constants, shared by its layers.</summary>
    private Pipeline Pipeline(string name, string shader, PipelineLayout layout, float[] weights, params int[] constants)
    {
        if (form == WeightForm.Baked)
        {
            var module = objects.Shader(BakedWeights.Patch(NetworkShaders.Load(shader), weights, name), $"{shader} ({name})");
            return objects.ComputePipeline(module, layout, name, constants);
        }
        string key = $"{shader}:{string.Join(',', constants)}";
        if (!shared.TryGetValue(key, out var pipeline))
            shared[key] = pipeline = objects.ComputePipeline(Module(shader), layout, name, constants);
        return pipeline;
    }

    private ShaderModule Module(string shader)
    {
        if (!modules.TryGetValue(shader, out var module)) modules[shader] = module = objects.Shader(shader);
        return module;
    }

    private ComputePass Pass(DescriptorPool pool, DescriptorSetLayout setLayout, PipelineLayout layout, Pipeline pipeline, string name) =>
        new(objects.Device, pipeline, layout, objects.Set(pool, setLayout), name);
}
