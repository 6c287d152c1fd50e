using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Demo.Scene.Textures;
using GdpoRealtime.Demo.Upscaling;
using GdpoRealtime.Runtime.Compute;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Demo.Session;

/// <summary>The scene renderer and one upscaler per mode, shared by the viewer and the headless demo.</summary>
public sealed class DemoPipeline : IDisposable
{
    private readonly NoiseAwareOneStepModel model;
    private readonly Dictionary<UpscaleMode, IFrameUpscaler> upscalers;

    private DemoPipeline(SceneRenderer renderer, NoiseAwareOneStepModel model, Dictionary<UpscaleMode, IFrameUpscaler> upscalers)
    {
        Renderer = renderer;
        this.model = model;
        this.upscalers = upscalers;
    }

    public SceneRenderer Renderer { get; }
    public SceneDefinition Scene => Renderer.Scene;
    public ModelUpscaler Model => (ModelUpscaler)upscalers[UpscaleMode.Model];

    public IFrameUpscaler this[UpscaleMode mode] => upscalers[mode];

    /// <summary>Loads the textures and the model (built-in for the scale unless a path is given) and sets up rendering on <paramref name="gpu"/>.</summary>
    public static DemoPipeline Create(GpuContext gpu, DemoSettings settings, ILogger logger)
    {
        var textures = settings.TexturesFolder is { } folder
            ? TextureFolder.Load(folder, settings.Render.TextureSize, logger)
            : TextureSet.Procedural(settings.Render.TextureSize);
        var checkpoint = ModelLoader.Find(settings.ModelPath, settings.Sizes.Scale);
        if (checkpoint.Architecture.Scale != settings.Sizes.Scale)
            throw new InvalidSettingException($"The model upscales x{checkpoint.Architecture.Scale}, the frames x{settings.Sizes.Scale}",
                "Use --scale matching the model, or a model trained for the scale.");
        var device = TorchBackend.Select(settings.Device, settings.TorchLibDirectory, logger);
        var model = checkpoint.CreateModel().To(device.Device);
        model.Network.eval();
        logger.LogInformation("Model: {Source} (x{Scale}, {Parameters:N0} parameters) on {Device}",
            checkpoint.Source, model.Scale, model.Network.ParameterCount, device);
        SceneRenderer? renderer = null;
        try
        {
            renderer = new SceneRenderer(gpu, CourtyardScene.Create(), textures, settings.Render);
            logger.LogInformation("Renderer: {Version}; frames {Sizes}", renderer.Version, settings.Sizes);
            var upscalers = new Dictionary<UpscaleMode, IFrameUpscaler>
            {
                [UpscaleMode.Bilinear] = new BilinearUpscaler(gpu),
                [UpscaleMode.Model] = new ModelUpscaler(renderer, model, settings.Seed, settings.NoiseStrength),
                [UpscaleMode.Native] = new NativeUpscaler(renderer),
            };
            return new DemoPipeline(renderer, model, upscalers);
        }
        catch
        {
            renderer?.Dispose();
            model.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var upscaler in upscalers.Values) upscaler.Dispose();
        Renderer.Dispose();
        model.Dispose();
    }
}
