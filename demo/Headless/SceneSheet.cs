using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Demo.Scene.Textures;
using GdpoRealtime.Runtime.Imaging;
using GdpoRealtime.Trainer.Evaluation;

namespace GdpoRealtime.Demo.Headless;

/// <summary>
/// A contact sheet of scenes, one row each: the ground-truth frame shrunk, then its most detailed region
/// as the low-res frame shows it (1 spp, nearest-neighbour enlarged to the truth's pixel grid) beside the
/// supersampled truth, both enlarged alike, so a person sees what each scene asks an upscaler to restore.
/// </summary>
public static class SceneSheet
{
    public sealed record Row(string Scene, string Textures, int SamplesPerPixel, RgbImage LowRes, RgbImage Truth);

    /// <summary>Renders one frame of a scene and returns its row's images.</summary>
    public static Row Render(SceneRenderer renderer, FrameDescription frame) =>
        new(renderer.Scene.Name, renderer.Textures.Source, renderer.Settings.SamplesPerTruthPixel,
            renderer.Read(renderer.RenderLowRes(frame)), renderer.Read(renderer.RenderTruth(frame)));

    /// <summary>
    /// Composes the rows. <paramref name="cropWidth"/> x <paramref name="cropHeight"/> is the truth region
    /// shown, enlarged <paramref name="zoom"/> times; the overview is shrunk to the same height.
    /// </summary>
    public static RgbImage Compose(IReadOnlyList<Row> rows, int cropWidth, int cropHeight, int zoom)
    {
        var composed = new List<RgbImage>();
        foreach (var row in rows)
        {
            int scale = row.Truth.Width / row.LowRes.Width;
            var (x, y, w, h) = ComparisonImage.MostDetailedRegion(row.Truth, cropWidth, cropHeight);
            x -= x % scale;
            y -= y % scale;
            var truthCrop = SideBySide.ScaleToHeight(row.Truth.Crop(x, y, w, h), h * zoom);
            var lowCrop = SideBySide.ScaleToHeight(row.LowRes.Crop(x / scale, y / scale, w / scale, h / scale), h * zoom);
            var overview = Shrink(row.Truth, h * zoom);
            composed.Add(SideBySide.Compose(new[]
            {
                (row.Scene, overview),
                ($"low-res 1 spp, {zoom * scale}x", lowCrop),
                ($"truth {row.SamplesPerPixel} spp, {row.Textures}", truthCrop),
            }, captionHeight: 22));
        }
        return SideBySide.Stack(composed);
    }

    /// <summary>
    /// One row per camera path of the renderer's scene: <paramref name="perPath"/> ground-truth overviews
    /// spread over the path's loop, each under the next of the scene's lightings.
    /// </summary>
    public static IEnumerable<RgbImage> Tour(SceneRenderer renderer, FrameSizes sizes, int perPath, string name)
    {
        var scene = renderer.Scene;
        for (int path = 0; path < scene.CameraPaths.Count; path++)
        {
            var panels = new List<(string, RgbImage)>();
            for (int k = 0; k < perPath; k++)
            {
                double time = k * scene.CameraPaths[path].Period / perPath;
                int lighting = k % scene.Lightings.Count;
                var frame = FrameDescription.At(scene, 0, time, sizes, jitter: false, path, lighting);
                panels.Add(($"{name} path {path}, {time:0} s, {scene.Lightings[lighting].Name}", renderer.Read(renderer.RenderTruth(frame))));
            }
            yield return SideBySide.Compose(panels, captionHeight: 22);
        }
    }

    /// <summary>Box-filtered reduction to <paramref name="height"/> rows (an overview, not a pixel view).</summary>
    private static RgbImage Shrink(RgbImage image, int height)
    {
        int width = Math.Max(1, image.Width * height / image.Height);
        var result = new RgbImage(width, height);
        for (int y = 0; y < height; y++)
        {
            int y0 = y * image.Height / height, y1 = Math.Max(y0 + 1, (y + 1) * image.Height / height);
            for (int x = 0; x < width; x++)
            {
                int x0 = x * image.Width / width, x1 = Math.Max(x0 + 1, (x + 1) * image.Width / width);
                for (int c = 0; c < 3; c++)
                {
                    int sum = 0;
                    for (int sy = y0; sy < y1; sy++)
                        for (int sx = x0; sx < x1; sx++) sum += image.Pixels[(sy * image.Width + sx) * 3 + c];
                    result.Pixels[(y * width + x) * 3 + c] = (byte)(sum / ((y1 - y0) * (x1 - x0)));
                }
            }
        }
        return result;
    }

    /// <summary>
    /// The texture source of a sheet's row: the held-apart scene takes a held-apart source when one is given;
    /// the training scenes take the others in turn (the procedural set when there are none).
    /// </summary>
    public static Capture.TextureSource SourceFor(SceneEntry scene, int index, IReadOnlyList<Capture.TextureSource> sources)
    {
        var heldApart = sources.Where(s => s.HeldApartFolder is not null).ToList();
        var open = sources.Where(s => s.HeldApartFolder is null).ToList();
        if (scene.HeldApart && heldApart.Count > 0) return heldApart[0];
        return open.Count == 0 ? Capture.TextureSource.Procedural : open[index % open.Count];
    }
}
