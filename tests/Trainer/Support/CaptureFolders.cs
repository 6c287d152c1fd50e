using System.Text.Json;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Runtime.Model;
using GdpoRealtime.Tests.Support;
using GdpoRealtime.Trainer.Data;
using GdpoRealtime.Trainer.Data.Capture;
using static TorchSharp.torch;

namespace GdpoRealtime.Tests.Trainer.Support;

/// <summary>
/// Writes capture folders in the format of <see cref="CaptureManifest"/> from the test images: each 128x128
/// image is a ground-truth frame, its box-filtered half the low-res frame. Frame indices are chosen so that
/// some frames fall in held-out blocks and the rest in training blocks.
/// </summary>
public static class CaptureFolders
{
    public static CaptureManifest Write(string folder, int heldOutFrames = 2)
    {
        Directory.CreateDirectory(Path.Combine(folder, "lowres"));
        Directory.CreateDirectory(Path.Combine(folder, "truth"));
        var images = TestImages.All;
        var heldOutBlocks = Blocks(held: true).Take(heldOutFrames);
        var trainingBlocks = Blocks(held: false).Take(images.Count - heldOutFrames);
        var indices = heldOutBlocks.Concat(trainingBlocks).Select(b => b * CaptureFolder.SplitBlockFrames).ToList();
        var frames = new List<CapturedFrame>();
        for (int i = 0; i < images.Count; i++)
        {
            var truth = TestImages.Load(images[i]);
            using var high = ImageTensors.ToTensor(truth);
            using var low = Degradation.Downscale(high, ScaleFactor.X2, DownscaleKernel.Area);
            string name = $"{indices[i]:D6}.png";
            ImageFile.SavePng(Path.Combine(folder, "truth", name), truth);
            ImageFile.SavePng(Path.Combine(folder, "lowres", name), ImageTensors.ToImage(low));
            frames.Add(new CapturedFrame
            {
                Index = indices[i], Time = indices[i] / 60.0, Camera = new CaptureCamera(new[] { 0f, 1f, 2f }, new[] { 0f, 0f, 0f }, 60f),
                Jitter = new[] { 0f, 0f }, LowRes = $"lowres/{name}", Truth = $"truth/{name}",
            });
        }
        var manifest = new CaptureManifest
        {
            RendererVersion = "test-renderer 1", Scale = "2/1", LowResWidth = 64, LowResHeight = 64, Width = 128, Height = 128,
            SupersampleCount = 16, Frames = frames,
        };
        SaveManifest(folder, manifest);
        return manifest;
    }

    public static void SaveManifest(string folder, CaptureManifest manifest) =>
        File.WriteAllText(Path.Combine(folder, CaptureManifest.FileName), JsonSerializer.Serialize(manifest, CaptureManifest.Json));

    private static IEnumerable<int> Blocks(bool held) =>
        Enumerable.Range(0, 10_000).Where(b => CaptureFolder.IsHeldOut(new CapturedFrame
        {
            Index = b * CaptureFolder.SplitBlockFrames, Time = 0, Camera = new CaptureCamera(new float[3], new float[3], 60f),
            Jitter = new float[2], LowRes = "", Truth = "",
        }, 0.1) == held);
}
