using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model.Checkpoints;

namespace GdpoRealtime.Runtime.Model.Portable;

/// <summary>
/// A checkpoint's network as plain arrays, for backends that run it without libtorch (the vulkan-compute backend):
/// the head, the residual blocks' convolutions (each block's timestep bias folded into its first convolution's bias)
/// and the tail, with the schedule's coefficients at t_add. Built from a <see cref="LoadedCheckpoint"/> without touching
/// a TorchSharp type. The computation it stands for is <see cref="NoiseAwareOneStepModel.Upscale"/>:
/// <code>
///   z        = space-to-depth_p(2 bicubic(x) - 1)          x: the frame in [0, 1], padded to a multiple of q
///   features = head(cat(sqrt(abar) z + sqrt(1 - abar) eps, space-to-depth_q(2 x - 1)))
///   h        = features;  h = second_i(relu(first_i(h))) + h   for each block i
///   output   = (depth-to-space_p(z + tail(h + features)) + 1) / 2
/// </code>
/// </summary>
public sealed class PortableNetwork
{
    private PortableNetwork(string source, ModelArchitecture architecture, Timesteps timesteps, float signalScale, float noiseScale,
        PortableConvolution head, IReadOnlyList<PortableConvolution> body, PortableConvolution tail)
    {
        Source = source;
        Architecture = architecture;
        Timesteps = timesteps;
        SignalScale = signalScale;
        NoiseScale = noiseScale;
        Head = head;
        Body = body;
        Tail = tail;
    }

    /// <summary>Where the weights came from (a file or the built-in model), for logs and errors.</summary>
    public string Source { get; }
    public ModelArchitecture Architecture { get; }
    public ScaleFactor Scale => Architecture.Scale;
    public Timesteps Timesteps { get; }

    /// <summary>sqrt(abar[t_add]) as float32, as libtorch applies it to a float32 latent.</summary>
    public float SignalScale { get; }

    /// <summary>sqrt(1 - abar[t_add]) as float32.</summary>
    public float NoiseScale { get; }

    public PortableConvolution Head { get; }

    /// <summary>Two per residual block: first (its bias carries the block's timestep bias; ReLU follows), second (the block's input is added).</summary>
    public IReadOnlyList<PortableConvolution> Body { get; }

    public PortableConvolution Tail { get; }

    public int ResidualBlocks => Architecture.ResidualBlocks;

    /// <summary>Every convolution, head to tail.</summary>
    public IEnumerable<PortableConvolution> Convolutions => Body.Prepend(Head).Append(Tail);

    /// <summary>Reads the network from a checkpoint; errors name the file and what does not fit.</summary>
    public static PortableNetwork From(LoadedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var architecture = checkpoint.ValidatedArchitecture();
        var schedule = checkpoint.CreateSchedule();
        var timesteps = checkpoint.Timesteps;
        var scale = architecture.Scale;
        int channels = architecture.Channels;
        var head = Convolution(checkpoint, "head", scale.LatentChannels + scale.ConditionChannels, channels, null);
        var blockBiases = TimestepFolding.Biases(checkpoint, architecture, timesteps.Diff);
        var body = new List<PortableConvolution>();
        for (int i = 0; i < architecture.ResidualBlocks; i++)
        {
            body.Add(Convolution(checkpoint, $"body.{i}.first", channels, channels, blockBiases[i]));
            body.Add(Convolution(checkpoint, $"body.{i}.second", channels, channels, null));
        }
        var tail = Convolution(checkpoint, "tail", channels, scale.LatentChannels, null);
        return new PortableNetwork(checkpoint.Source, architecture, timesteps,
            (float)schedule.SignalScale(timesteps.Add), (float)schedule.NoiseScale(timesteps.Add), head, body, tail);
    }

    private static PortableConvolution Convolution(LoadedCheckpoint checkpoint, string name, int inputs, int outputs, float[]? extraBias)
    {
        var weights = checkpoint.Tensor($"{name}.weight").ValuesOfShape(checkpoint.Source, outputs, inputs, 3, 3);
        var bias = checkpoint.Tensor($"{name}.bias").ValuesOfShape(checkpoint.Source, outputs).ToArray();
        if (extraBias is not null)
        {
            if (extraBias.Length != outputs)
                throw new CheckpointException($"Model file '{checkpoint.Source}' gives {extraBias.Length} timestep biases for the {outputs} channels of '{name}'",
                    "The file was written by an incompatible build; retrain the model.");
            for (int i = 0; i < outputs; i++) bias[i] += extraBias[i];
        }
        return new PortableConvolution(name, inputs, outputs, weights, bias);
    }
}
