using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Rewards;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Trainer.Data;

public class TexturedCropPickerTests
{
    /// <summary>
    /// An image half noise (texture) and half a flat grey, with sides that are not multiples of the patch size, so
    /// windows cross the texture border, patch borders and the strip past the last whole patch.
    /// </summary>
    private static Tensor HalfTexturedImage(int height, int width)
    {
        var generator = new Generator(7);
        var image = full(new long[] { 3, height, width }, 128, dtype: ScalarType.Byte);
        image.narrow(2, 0, width / 2 + 3).copy_(randint(0, 256, new long[] { 3, height, width / 2 + 3 }, generator: generator).to(ScalarType.Byte));
        return image;
    }

    [TestCase(57, 83, 16)]
    [TestCase(40, 50, 32)]
    [TestCase(8, 30, 8)]
    public void WindowFractionsEqualThoseOfTheWholeImageMask(int height, int width, int side)
    {
        using var image = HalfTexturedImage(height, width);
        using var mask = RegionSplit.TextureMask(image.unsqueeze(0).to(ScalarType.Float32).div(255.0))[0, 0];
        using var picker = new TexturedCropPicker(0.5);
        var random = new Random(3);
        var seen = new HashSet<double>();
        for (int i = 0; i < 40; i++)
        {
            int y = random.Next(height - side + 1), x = random.Next(width - side + 1);
            using var window = mask.narrow(0, y, side).narrow(1, x, side);
            double expected = window.mean().item<float>();
            Assert.That(picker.Fraction(0, image, y, x, side), Is.EqualTo(expected).Within(1e-6), $"window at ({y}, {x})");
            seen.Add(Math.Round(expected, 3));
        }
        Assert.That(seen, Has.Count.GreaterThan(2), "the windows should cover texture, smooth and mixed ground");
    }

    [Test]
    public void OnlyThePatchesUnderAWindowAreLabelled()
    {
        using var image = HalfTexturedImage(200, 300);
        using var picker = new TexturedCropPicker(0.5);
        picker.Fraction(0, image, 0, 0, 20);
        Assert.That(picker.LabelledPatches, Is.EqualTo(4));
        picker.Fraction(0, image, 5, 5, 20);
        Assert.That(picker.LabelledPatches, Is.EqualTo(9), "the second window shares four patches with the first");
    }
}
