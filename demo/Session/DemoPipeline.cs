using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Demo.Scene.Textures;
using GdpoRealtime.Demo.Upscaling;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Demo.Session;

/// <summary>The scene renderer and one upscaler per mode, shared by the viewer and the headless demo.</summary>
public sealed class DemoPipeline : IDisposable
{
    private readonly Dictionary<UpscaleMode, IFrameUpscaler> upscalers;

    private DemoPipeline(SceneRenderer renderer, Dictionary<UpscaleMode, IFrameUpscaler> upscalers)
    {
        Renderer = renderer;
        this.upscalers = upscalers;
    }

    public SceneRenderer Renderer { get; }
    public SceneDefinition Scene => Renderer.Scene;
    public EngineUpscaler Model => (EngineUpscaler)upscalers[UpscaleMode.Model];

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
                "Ask for the model's scale, or give a model trained for the frames' scale.") { Setting = Settings.Scale };
        logger.LogInformation("Model: {Source} (x{Scale})", checkpoint.Source, checkpoint.Architecture.Scale);
        SceneRenderer? renderer = null;
        var made = new List<IFrameUpscaler>();
        try
        {
            renderer = new SceneRenderer(gpu, settings.Scene.Create(), textures, settings.Render);
            logger.LogInformation("Renderer: {Version}; frames {Sizes}", renderer.Version, settings.Sizes);
            var engine = Keep(made, new EngineUpscaler(gpu, new EngineUpscalerSettings
            {
                Model = checkpoint,
                Sizes = settings.Sizes,
                NoiseStrength = settings.NoiseStrength,
                Seed = settings.Seed,
                Backend = settings.Backend,
                Precision = settings.Precision,
                Device = settings.Device,
                TorchLibraryDirectory = settings.TorchLibDirectory,
            }, logger));
            var upscalers = new Dictionary<UpscaleMode, IFrameUpscaler>
            {
                [UpscaleMode.Bilinear] = Keep(made, new BilinearUpscaler(gpu)),
                [UpscaleMode.Model] = engine,
                [UpscaleMode.Native] = Keep(made, new NativeUpscaler(renderer)),
            };
            return new DemoPipeline(renderer, upscalers);
        }
        catch
        {
            // Whatever was made before the failure is released: the engine upscaler holds Vulkan memory and the network.
            foreach (var upscaler in made) upscaler.Dispose();
            renderer?.Dispose();
            throw;
        }
    }

    private static T Keep<T>(List<IFrameUpscaler> made, T upscaler) where T : IFrameUpscaler
    {
        made.Add(upscaler);
        return upscaler;
    }

    public void Dispose()
    {
        foreach (var upscaler in upscalers.Values) upscaler.Dispose();
        Renderer.Dispose();
    }
}
