using GdpoRealtime.Demo.Rendering;
using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Demo.Scene.Textures;
using GdpoRealtime.Demo.Upscaling;
using GdpoRealtime.Runtime.Errors;
using GdpoRealtime.Runtime.Model;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Demo.Session;

/// <summary>A demo run's scene renderer and one display method of each kind, shared by the viewer and the headless demo.</summary>
public sealed class DemoSession : IDisposable
{
    private readonly Dictionary<DisplayMethodKind, IDisplayMethod> methods;

    private DemoSession(SceneRenderer renderer, Dictionary<DisplayMethodKind, IDisplayMethod> methods)
    {
        Renderer = renderer;
        this.methods = methods;
    }

    public SceneRenderer Renderer { get; }
    public SceneDefinition Scene => Renderer.Scene;
    public ModelMethod Model => (ModelMethod)methods[DisplayMethodKind.Model];

    public IDisplayMethod this[DisplayMethodKind kind] => methods[kind];

    /// <summary>Loads the textures and the model (built-in for the scale unless a path is given) and sets up rendering on <paramref name="gpu"/>.</summary>
    public static DemoSession Create(GpuContext gpu, DemoSettings settings, ILogger logger)
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
        var made = new List<IDisplayMethod>();
        try
        {
            renderer = new SceneRenderer(gpu, settings.Scene.Create(), textures, settings.Render);
            logger.LogInformation("Renderer: {Version}; frames {Sizes}", renderer.Version, settings.Sizes);
            var model = Keep(made, new ModelMethod(gpu, new ModelMethodSettings
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
            var methods = new Dictionary<DisplayMethodKind, IDisplayMethod>
            {
                [DisplayMethodKind.Bilinear] = Keep(made, new BilinearMethod(gpu)),
                [DisplayMethodKind.Model] = model,
                [DisplayMethodKind.Native] = Keep(made, new NativeMethod(renderer)),
            };
            return new DemoSession(renderer, methods);
        }
        catch
        {
            // Whatever was made before the failure is released: the model method holds Vulkan memory and the network.
            foreach (var method in made) method.Dispose();
            renderer?.Dispose();
            throw;
        }
    }

    private static T Keep<T>(List<IDisplayMethod> made, T method) where T : IDisplayMethod
    {
        made.Add(method);
        return method;
    }

    public void Dispose()
    {
        foreach (var method in methods.Values) method.Dispose();
        Renderer.Dispose();
    }
}
