using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Demo.Scene.Textures;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace GdpoRealtime.Tests.Demo.Scene;

public class TextureTests
{
    [Test]
    public void ProceduralTexturesAreDeterministicAndDistinct()
    {
        var a = ProceduralTextures.For(TextureSlot.Bricks, 64);
        var b = ProceduralTextures.For(TextureSlot.Bricks, 64);
        Assert.That(a.Pixels, Is.EqualTo(b.Pixels));
        var set = TextureSet.Procedural(64);
        Assert.That(set.Layers, Has.Count.EqualTo(Enum.GetValues<TextureSlot>().Length));
        var fingerprints = set.Layers.Select(l => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(l.Pixels))).ToList();
        Assert.That(fingerprints.Distinct().Count(), Is.EqualTo(fingerprints.Count), "every slot has its own texture");
    }

    [TestCase(TextureSlot.Bricks)]
    [TestCase(TextureSlot.Paving)]
    [TestCase(TextureSlot.Fabric)]
    [TestCase(TextureSlot.Grate)]
    [TestCase(TextureSlot.Hedge)]
    [TestCase(TextureSlot.Tiles)]
    [TestCase(TextureSlot.Concrete)]
    [TestCase(TextureSlot.Corrugated)]
    [TestCase(TextureSlot.ChainLink)]
    public void RepeatingTexturesTileWithoutSeams(TextureSlot slot)
    {
        // Across the wrap (last column to first) the texture changes no more than between ordinary neighbours.
        var texture = ProceduralTextures.For(slot, 128);
        double Step(int x0, int x1)
        {
            double sum = 0;
            for (int y = 0; y < texture.Height; y++)
                for (int c = 0; c < 3; c++)
                    sum += Math.Abs(texture.Pixels[(y * 128 + x0) * 4 + c] - texture.Pixels[(y * 128 + x1) * 4 + c]);
            return sum / (texture.Height * 3);
        }
        double inner = Enumerable.Range(0, 127).Average(x => Step(x, x + 1));
        Assert.That(Step(127, 0), Is.LessThan(2.5 * inner + 2));
    }

    [Test]
    public void GrateAndLeavesHaveHolesAndTheRestIsOpaque()
    {
        double Coverage(TextureSlot slot, int size = 128)
        {
            var t = ProceduralTextures.For(slot, size);
            int opaque = 0;
            for (int i = 3; i < t.Pixels.Length; i += 4) if (t.Pixels[i] >= 128) opaque++;
            return opaque / (double)(t.Width * t.Height);
        }
        Assert.That(Coverage(TextureSlot.Grate), Is.InRange(0.2, 0.8));
        Assert.That(Coverage(TextureSlot.Leaves), Is.InRange(0.2, 0.8));
        Assert.That(Coverage(TextureSlot.ChainLink, 512), Is.InRange(0.1, 0.45), "thin wires, mostly holes, at the default size");
        Assert.That(Coverage(TextureSlot.Grass, 512), Is.InRange(0.1, 0.7));
        Assert.That(Coverage(TextureSlot.Bricks), Is.EqualTo(1));
    }

    [Test]
    public void AFolderWithoutUsableImagesIsRefused()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("notes.txt"), "not an image");
        File.WriteAllBytes(folder.File("broken.png"), "\u0089PNG\r\n\u001a\n truncated"u8.ToArray());
        var error = Assert.Throws<ImageInputException>(() => TextureFolder.Load(folder.Path, 64, NullLogger.Instance))!;
        Assert.That(error.Message, Does.Contain("no usable images").And.Contain("broken.png"));
        Assert.Throws<ImageInputException>(() => TextureFolder.Load(folder.File("missing"), 64, NullLogger.Instance));
    }

    [Test]
    public void FolderImagesReplaceTheSurfaceTexturesInNameOrder()
    {
        using var folder = new TempFolder();
        File.Copy(TestImages.GameTextures[0], folder.File("a-first.png"));
        File.Copy(TestImages.Photographs[0], folder.File("b-second.png"));
        File.WriteAllText(folder.File("c-broken.png"), "garbage");
        var set = TextureFolder.Load(folder.Path, 64, NullLogger.Instance);
        var procedural = TextureSet.Procedural(64);
        Assert.That(set.Fingerprint, Is.Not.EqualTo(procedural.Fingerprint));
        Assert.That(set[TextureSlot.Signs].Pixels, Is.EqualTo(procedural[TextureSlot.Signs].Pixels), "signs stay procedural");
        Assert.That(set[TextureSlot.Bricks].Pixels, Is.EqualTo(TextureFolder.Resize(ImageFile.Load(folder.File("a-first.png")), 64).Pixels));
        Assert.That(set[TextureSlot.Paving].Pixels, Is.EqualTo(TextureFolder.Resize(ImageFile.Load(folder.File("b-second.png")), 64).Pixels));
        Assert.That(set[TextureSlot.Fabric].Pixels, Is.EqualTo(set[TextureSlot.Bricks].Pixels), "images are reused in order when there are fewer than slots");
    }
}
