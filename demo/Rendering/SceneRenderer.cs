using System.Numerics;
using GdpoRealtime.Demo.Scene;
using GdpoRealtime.Demo.Scene.Textures;
using GdpoRealtime.Interop.Vulkan;
using GdpoRealtime.Runtime.Imaging;
using Silk.NET.Vulkan;
using GdpoRealtime.Demo.Rendering.Vulkan;

namespace GdpoRealtime.Demo.Rendering;

/// <summary>
/// Draws the scene with Vulkan: the low-res frame a game renders before an upscaler (one sample per pixel,
/// no anti-aliasing, optional sub-pixel jitter) and the supersampled ground truth of the same frame (see
/// <see cref="RenderSettings"/>). Work is recorded, submitted and waited for on each call, so a call's wall
/// time is its rendering time. Returned images belong to the renderer and stay valid until the next render
/// of the same size; they are left in ShaderReadOnlyOptimal.
/// </summary>
public sealed unsafe class SceneRenderer : IDisposable
{
    /// <summary>Bump when the renderer's output changes for the same scene (shading, sampling, resolve).</summary>
    public const int Revision = 2;

    private readonly GpuContext gpu;
    private readonly SceneDefinition scene;
    private readonly ScenePipelines pipelines;
    private readonly SceneGeometry geometry;
    private readonly MaterialTextures materials;
    private readonly HostImageTransfers transfers;
    private readonly Dictionary<(uint, uint), SceneTarget> sceneTargets = new();
    private readonly Dictionary<(uint, uint, int), ResolveTarget> resolveTargets = new();
    private bool disposed;

    public SceneRenderer(GpuContext gpu, SceneDefinition scene, TextureSet textures, RenderSettings settings)
    {
        settings.Validate();
        this.gpu = gpu;
        this.scene = scene;
        Settings = settings;
        Textures = textures;
        var resources = new ResourceStack();
        try
        {
            pipelines = resources.Add(new ScenePipelines(gpu.Device));
            geometry = resources.Add(new SceneGeometry(gpu.Device, scene));
            materials = resources.Add(new MaterialTextures(gpu.Device, textures, settings));
            transfers = new HostImageTransfers(gpu);
        }
        catch
        {
            resources.Dispose();
            throw;
        }
    }

    public RenderSettings Settings { get; }
    public TextureSet Textures { get; }
    public SceneDefinition Scene => scene;
    public GpuContext Gpu => gpu;

    /// <summary>Names the renderer, scene and textures: frames with equal versions come from the same pipeline.</summary>
    public string Version =>
        $"gdpo-demo renderer r{Revision}, scene {scene.Name} r{scene.Revision}, textures {Textures.Source} {Textures.Size}px #{Textures.Fingerprint}" + SettingsSuffix(Settings);

    /// <summary>Names the renderer and its settings alone (scene and textures apart): what every frame of a many-scene capture shares.</summary>
    public static string PipelineVersion(RenderSettings settings) =>
        $"gdpo-demo renderer r{Revision}, textures {settings.TextureSize}px" + SettingsSuffix(settings);

    private static string SettingsSuffix(RenderSettings settings) =>
        (settings.MaxAnisotropy > 1 ? $", anisotropy {settings.MaxAnisotropy:0.#}" : "") +
        (settings.LowResMipBias is { } bias ? $", low-res mip bias {bias:0.##}" : ", low-res mip bias matched to the display");

    /// <summary>The frame at its low-res size, one sample per pixel, with the frame's jitter.</summary>
    public GpuImage RenderLowRes(FrameDescription frame) =>
        RenderSingleSample(frame.Time, frame.Camera, (uint)frame.LowResWidth, (uint)frame.LowResHeight, frame.Jitter,
            Settings.MipBiasFor(frame.LowResWidth, frame.Width), frame.Lighting);

    /// <summary>The frame at its output size, supersampled (no jitter: the truth is centred on the output pixels).</summary>
    public GpuImage RenderTruth(FrameDescription frame) =>
        RenderSupersampled(frame.Time, frame.Camera, (uint)frame.Width, (uint)frame.Height, Settings.SupersampleFactor, frame.Lighting);

    /// <summary>
    /// One sample per pixel at <paramref name="width"/> x <paramref name="height"/>, the sample point moved by
    /// <paramref name="jitter"/> pixels, under <paramref name="lighting"/> (null: the scene's default).
    /// </summary>
    public GpuImage RenderSingleSample(double time, CameraPose camera, uint width, uint height, Vector2 jitter, float mipBias = 0,
        SceneLighting? lighting = null)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        lighting ??= scene.Lighting;
        var target = SceneTargetFor(width, height);
        WriteUniforms(target, time, camera, jitter, mipBias, lighting);
        gpu.Commands.Run(cmd => RecordScene(cmd, target, time, lighting));
        target.Color.Layout = ImageLayout.ShaderReadOnlyOptimal;
        return target.Color;
    }

    /// <summary><paramref name="factor"/> x <paramref name="factor"/> samples per pixel, box-filtered in linear light.</summary>
    public GpuImage RenderSupersampled(double time, CameraPose camera, uint width, uint height, int factor, SceneLighting? lighting = null)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        lighting ??= scene.Lighting;
        var resolve = ResolveTargetFor(width, height, factor);
        var source = resolve.Source;
        WriteUniforms(source, time, camera, Vector2.Zero, 0, lighting);
        gpu.Commands.Run(cmd =>
        {
            RecordScene(cmd, source, time, lighting);
            source.Color.Layout = ImageLayout.ShaderReadOnlyOptimal;
            RecordResolve(cmd, resolve, factor);
        });
        resolve.Color.Layout = ImageLayout.ShaderReadOnlyOptimal;
        return resolve.Color;
    }

    /// <summary>Copies a rendered image back to the host (sRGB bytes as displayed).</summary>
    public RgbImage Read(GpuImage image) => transfers.Read(image);

    /// <summary>Host transfers sharing this renderer's buffers (readbacks and uploads of frames).</summary>
    public HostImageTransfers Transfers => transfers;

    private SceneTarget SceneTargetFor(uint width, uint height)
    {
        if (!sceneTargets.TryGetValue((width, height), out var target))
        {
            target = new SceneTarget(gpu.Device, pipelines, materials, width, height);
            sceneTargets[(width, height)] = target;
        }
        return target;
    }

    private ResolveTarget ResolveTargetFor(uint width, uint height, int factor)
    {
        if (!resolveTargets.TryGetValue((width, height, factor), out var target))
        {
            var source = SceneTargetFor(width * (uint)factor, height * (uint)factor);
            target = new ResolveTarget(gpu.Device, pipelines, source, width, height);
            resolveTargets[(width, height, factor)] = target;
        }
        return target;
    }

    private void WriteUniforms(SceneTarget target, double time, CameraPose camera, Vector2 jitter, float mipBias, SceneLighting lighting)
    {
        var viewProjection = camera.ViewProjection((int)target.Width, (int)target.Height, jitter);
        Matrix4x4.Invert(viewProjection, out var inverse);
        var uniforms = new FrameUniforms
        {
            ViewProjection = viewProjection,
            InverseViewProjection = inverse,
            CameraPosition = new Vector4(camera.Position, (float)time),
            SunDirection = new Vector4(Vector3.Normalize(lighting.SunDirection), MathF.Cos(lighting.SunDiscDegrees * MathF.PI / 180)),
            SunColor = new Vector4(lighting.SunColor, lighting.Ambient),
            SkyZenithColor = new Vector4(lighting.SkyZenith, 0),
            SkyHorizonColor = new Vector4(lighting.SkyHorizon, lighting.Exposure),
            GroundColor = new Vector4(lighting.Ground, 0),
            Fog = new Vector4(lighting.FogDensity, 0, 0, 0),
            Texturing = new Vector4(mipBias, 0, 0, 0),
        };
        target.Uniforms.WriteValue(uniforms);
    }

    private void RecordScene(CommandBuffer cmd, SceneTarget target, double time, SceneLighting lighting)
    {
        var vk = gpu.Device.Vk;
        GraphicsPipelines.BeginRenderPass(vk, cmd, pipelines.ScenePass, target.Framebuffer, target.Width, target.Height, hasDepth: true,
            lighting.SkyHorizon.X, lighting.SkyHorizon.Y, lighting.SkyHorizon.Z);
        GraphicsPipelines.SetViewport(vk, cmd, target.Width, target.Height);
        var set = target.Set;
        vk.CmdBindDescriptorSets(cmd, PipelineBindPoint.Graphics, pipelines.SceneLayout, 0, 1, &set, 0, null);

        vk.CmdBindPipeline(cmd, PipelineBindPoint.Graphics, pipelines.Sky);
        vk.CmdDraw(cmd, 3, 1, 0, 0);

        var vertexBuffer = geometry.VertexBuffer.Handle;
        ulong offset = 0;
        vk.CmdBindVertexBuffers(cmd, 0, 1, &vertexBuffer, &offset);
        vk.CmdBindIndexBuffer(cmd, geometry.IndexBuffer.Handle, 0, IndexType.Uint32);
        foreach (bool twoSided in new[] { false, true })
        {
            vk.CmdBindPipeline(cmd, PipelineBindPoint.Graphics, twoSided ? pipelines.TwoSided : pipelines.Opaque);
            for (int i = 0; i < scene.Objects.Count; i++)
            {
                var item = scene.Objects[i];
                if (item.TwoSided != twoSided) continue;
                var material = item.Material;
                var push = new ObjectPush
                {
                    Model = item.Placement(time),
                    Tint = new Vector4(material.Tint, material.Specular),
                    UvTransform = new Vector4(material.UvScale, material.UvOffset.X, material.UvOffset.Y),
                    Material = new Vector4((float)material.Texture, material.AlphaCutoff, material.Shininess, material.Emission),
                };
                vk.CmdPushConstants(cmd, pipelines.SceneLayout, ShaderStageFlags.VertexBit | ShaderStageFlags.FragmentBit, 0,
                    ObjectPush.SizeInBytes, &push);
                var range = geometry.Ranges[i];
                vk.CmdDrawIndexed(cmd, range.IndexCount, 1, range.FirstIndex, range.VertexOffset, 0);
            }
        }
        vk.CmdEndRenderPass(cmd);
    }

    private void RecordResolve(CommandBuffer cmd, ResolveTarget resolve, int factor)
    {
        var vk = gpu.Device.Vk;
        uint width = resolve.Color.Width, height = resolve.Color.Height;
        GraphicsPipelines.BeginRenderPass(vk, cmd, pipelines.ResolvePass, resolve.Framebuffer, width, height, hasDepth: false);
        GraphicsPipelines.SetViewport(vk, cmd, width, height);
        vk.CmdBindPipeline(cmd, PipelineBindPoint.Graphics, pipelines.Resolve);
        var set = resolve.Set;
        vk.CmdBindDescriptorSets(cmd, PipelineBindPoint.Graphics, pipelines.ResolveLayout, 0, 1, &set, 0, null);
        var push = new ResolvePush { Factor = factor };
        vk.CmdPushConstants(cmd, pipelines.ResolveLayout, ShaderStageFlags.VertexBit | ShaderStageFlags.FragmentBit, 0, ResolvePush.SizeInBytes, &push);
        vk.CmdDraw(cmd, 3, 1, 0, 0);
        vk.CmdEndRenderPass(cmd);
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        gpu.Device.WaitIdle();
        transfers.Dispose();
        foreach (var target in resolveTargets.Values) target.Dispose();
        foreach (var target in sceneTargets.Values) target.Dispose();
        materials.Dispose();
        geometry.Dispose();
        pipelines.Dispose();
    }
}
