using GdpoRealtime.Tests.Support;
using GdpoRealtime.Trainer.Rewards;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Trainer.Rewards;

public class RegionSplitTests
{
    [Test]
    public void FlatImageIsSmooth()
    {
        using var flat = full(new long[] { 1, 3, 40, 50 }, 0.4f);
        using var mask = RegionSplit.TextureMask(flat);
        Assert.That(mask.shape, Is.EqualTo(new long[] { 1, 1, 40, 50 }));
        Assert.That(mask.sum().item<float>(), Is.EqualTo(0f));
    }

    [Test]
    public void NoiseImageIsTexture()
    {
        manual_seed(1);
        using var noise = rand(1, 3, 40, 50);
        using var mask = RegionSplit.TextureMask(noise);
        Assert.That(mask.min().item<float>(), Is.EqualTo(1f));
    }

    [Test]
    public void SmoothGradientIsSmoothButASharpEdgeIsTexture()
    {
        // A gentle ramp (a sky) has gradients, but too uniform to carry texture entropy; a patch with an edge does not.
        using var ramp = linspace(0.2, 0.3, 60).reshape(1, 1, 1, 60).expand(1, 3, 30, 60).contiguous();
        using var rampMask = RegionSplit.TextureMask(ramp);
        Assert.That(rampMask.sum().item<float>(), Is.EqualTo(0f), "a gentle ramp is smooth");

        using var edge = zeros(1, 3, 30, 60);
        edge[.., .., .., TensorIndex.Slice(25, null)] = tensor(0.9f);
        using var edgeMask = RegionSplit.TextureMask(edge);
        Assert.That(edgeMask[0, 0, 0, 25].item<float>(), Is.EqualTo(1f), "the patch holding the edge is texture");
        Assert.That(edgeMask[0, 0, 0, 0].item<float>(), Is.EqualTo(0f), "flat patches away from it are smooth");
    }

    [Test]
    public void HalvesAreSplitWhereTheyDifferAndLeftoverPixelsFollowTheirNeighbours()
    {
        manual_seed(2);
        using var image = full(new long[] { 2, 3, 33, 47 }, 0.5f);
        image[.., .., .., TensorIndex.Slice(20, null)] = rand(2, 3, 33, 27);
        using var mask = RegionSplit.TextureMask(image);
        Assert.That(mask.shape, Is.EqualTo(new long[] { 2, 1, 33, 47 }));
        Assert.That(mask[.., .., .., TensorIndex.Slice(0, 20)].sum().item<float>(), Is.EqualTo(0f));
        Assert.That(mask[.., .., .., TensorIndex.Slice(20, null)].min().item<float>(), Is.EqualTo(1f), "columns 40-46 and rows 30-32 take their neighbours' label");
        using var fraction = RegionSplit.TextureFraction(mask);
        Assert.That(fraction[0].item<float>(), Is.EqualTo(27f / 47f).Within(1e-6));
    }

    [Test]
    public void RealTexturesAreMostlyTexture()
    {
        foreach (var file in TestImages.GameTextures)
        {
            using var image = GdpoRealtime.Runtime.Imaging.ImageTensors.ToTensor(TestImages.Load(file));
            using var mask = RegionSplit.TextureMask(image);
            Assert.That(RegionSplit.TextureFraction(mask).item<float>(), Is.GreaterThan(0.9f), Path.GetFileName(file));
        }
    }
}
