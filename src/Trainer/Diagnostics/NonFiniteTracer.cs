using TorchSharp;
using static TorchSharp.torch;

namespace GdpoRealtime.Trainer.Diagnostics;

/// <summary>
/// Finds the first operation that makes a NaN or an infinity: every convolution of the given modules checks its
/// output in the forward pass (and whether its input was still finite), and libtorch's anomaly mode names the
/// backward function that first returns one. Slow; for diagnosis only (the doctor's traced probe).
/// </summary>
public sealed class NonFiniteTracer : IDisposable
{
    private readonly List<Action> removeHooks = new();
    private readonly bool anomalyWas;

    public NonFiniteTracer(params (string Name, nn.Module Module)[] modules)
    {
        foreach (var (owner, module) in modules)
            foreach (var (name, child) in module.named_modules())
                if (child is nn.Module<Tensor, Tensor> layer && child.named_children().Any() == false)
                {
                    string label = $"{owner}.{name} ({child.GetType().Name})";
                    var hook = layer.register_forward_hook((_, input, output) =>
                    {
                        Check(label, input, output);
                        return output;
                    });
                    removeHooks.Add(hook.remove);
                }
        anomalyWas = AnomalyMode.IsEnabled;
        autograd.set_detect_anomaly(true);
    }

    /// <summary>The first layer whose output held a non-finite value, with whether its input was finite; null while none has.</summary>
    public string? FirstNonFiniteForward { get; private set; }

    public int Step { get; set; }

    private void Check(string label, Tensor input, Tensor output)
    {
        if (FirstNonFiniteForward is not null) return;
        using var _ = no_grad();
        using var outputFinite = output.isfinite();
        long bad = output.numel() - outputFinite.count_nonzero().item<long>();
        if (bad == 0) return;
        using var inputFinite = input.isfinite();
        bool inputOk = inputFinite.all().item<bool>();
        FirstNonFiniteForward = $"step {Step}: {label} produced {bad} non-finite of {output.numel()} values from {(inputOk ? "a finite input" : "an input already non-finite")}";
    }

    public void Dispose()
    {
        foreach (var remove in removeHooks) remove();
        autograd.set_detect_anomaly(anomalyWas);
    }
}
