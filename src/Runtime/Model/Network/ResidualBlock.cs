using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GdpoRealtime.Runtime.Model.Network;

/// <summary>conv - add timestep bias - ReLU - conv, plus the identity.</summary>
internal sealed class ResidualBlock : nn.Module
{
    private readonly Conv2d first;
    private readonly Conv2d second;

    public ResidualBlock(string name, int channels) : base(name)
    {
        first = nn.Conv2d(channels, channels, 3, padding: 1);
        second = nn.Conv2d(channels, channels, 3, padding: 1);
        RegisterComponents();
    }

    /// <param name="features">[B, C, H, W]</param>
    /// <param name="timestepBias">[1, C, 1, 1]: this block's share of the timestep embedding.</param>
    public Tensor Forward(Tensor features, Tensor timestepBias)
    {
        using var a = first.call(features);
        using var b = a.add_(timestepBias).relu_();
        using var c = second.call(b);
        return c.add(features);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            first.Dispose();
            second.Dispose();
        }
        base.Dispose(disposing);
    }
}
