using System.Runtime.InteropServices;
using Silk.NET.Core;
using Silk.NET.Core.Native;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Vulkan;

/// <summary>What a <see cref="VulkanInstance"/> should enable.</summary>
public sealed record VulkanInstanceOptions
{
    public string ApplicationName { get; init; } = "GdpoRealtime";

    /// <summary>Extensions the caller cannot work without (for example the window system's surface extensions).</summary>
    public IReadOnlyList<string> RequiredExtensions { get; init; } = Array.Empty<string>();

    /// <summary>Extensions enabled when the loader offers them.</summary>
    public IReadOnlyList<string> OptionalExtensions { get; init; } = Array.Empty<string>();

    /// <summary>Layers enabled when installed (for example VK_LAYER_KHRONOS_validation while developing).</summary>
    public IReadOnlyList<string> OptionalLayers { get; init; } = Array.Empty<string>();

    public uint ApiVersion { get; init; } = Vk.Version12;
}

/// <summary>
/// A Vulkan instance: the loader, its drivers and the physical devices they expose. Either created here (and
/// destroyed on dispose) or borrowed from an engine by handle (<see cref="FromHandle"/>: never destroyed here).
/// </summary>
public sealed unsafe class VulkanInstance : IDisposable
{
    private readonly bool owned;
    private bool disposed;

    private readonly DebugUtilsMessengerEXT messenger;

    private VulkanInstance(Vk vk, Instance handle, IReadOnlyList<string> extensions, uint apiVersion, bool owned, DebugUtilsMessengerEXT messenger = default)
    {
        this.messenger = messenger;
        Vk = vk;
        Handle = handle;
        EnabledExtensions = extensions;
        ApiVersion = apiVersion;
        this.owned = owned;
    }

    public Vk Vk { get; }
    public Instance Handle { get; }
    public IReadOnlyList<string> EnabledExtensions { get; }
    public uint ApiVersion { get; }

    /// <summary>Whether the Khronos validation layer runs on this instance (GDPO_VULKAN_VALIDATION=1 and the layer installed).</summary>
    public bool ValidationEnabled => messenger.Handle != 0;

    /// <summary>Loads the Vulkan loader and creates an instance; a missing loader or driver becomes a <see cref="VulkanUnavailableException"/>.</summary>
    public static VulkanInstance Create(VulkanInstanceOptions? options = null)
    {
        options ??= new VulkanInstanceOptions();
        var vk = LoadLoader();
        var available = AvailableExtensions(vk);
        var missing = options.RequiredExtensions.Where(e => !available.Contains(e)).ToList();
        if (missing.Count > 0)
            throw new VulkanUnavailableException(
                $"The Vulkan loader lacks the instance extension(s) {string.Join(", ", missing)}",
                VulkanUnavailableException.InstallFix);
        var availableLayers = AvailableLayers(vk);
        bool validate = VulkanValidation.Requested && availableLayers.Contains(VulkanValidation.LayerName) && available.Contains(VulkanValidation.DebugUtilsExtension);
        var optionalLayers = validate ? options.OptionalLayers.Append(VulkanValidation.LayerName) : options.OptionalLayers;
        var optionalExtensions = validate ? options.OptionalExtensions.Append(VulkanValidation.DebugUtilsExtension) : options.OptionalExtensions;
        var extensions = options.RequiredExtensions.Concat(optionalExtensions.Where(available.Contains)).Distinct().ToList();
        var layers = optionalLayers.Where(availableLayers.Contains).Distinct().ToList();

        using var name = new NativeUtf8(options.ApplicationName);
        using var engine = new NativeUtf8("GdpoRealtime");
        using var extensionNames = new NativeUtf8Array(extensions);
        using var layerNames = new NativeUtf8Array(layers);
        var application = new ApplicationInfo
        {
            SType = StructureType.ApplicationInfo,
            PApplicationName = name.Pointer,
            ApplicationVersion = new Version32(1, 0, 0),
            PEngineName = engine.Pointer,
            EngineVersion = new Version32(1, 0, 0),
            ApiVersion = options.ApiVersion,
        };
        var info = new InstanceCreateInfo
        {
            SType = StructureType.InstanceCreateInfo,
            PApplicationInfo = &application,
            EnabledExtensionCount = (uint)extensions.Count,
            PpEnabledExtensionNames = extensionNames.Pointer,
            EnabledLayerCount = (uint)layers.Count,
            PpEnabledLayerNames = layerNames.Pointer,
        };
        Instance instance;
        var result = vk.CreateInstance(&info, null, &instance);
        if (result is Result.ErrorIncompatibleDriver or Result.ErrorInitializationFailed)
            throw new VulkanUnavailableException($"No Vulkan driver could be loaded (vkCreateInstance returned {result})",
                VulkanUnavailableException.InstallFix);
        result.Check("vkCreateInstance");
        var messenger = default(DebugUtilsMessengerEXT);
        if (validate)
        {
            try { messenger = VulkanValidation.CreateMessenger(vk, instance); }
            catch
            {
                vk.DestroyInstance(instance, null);
                throw;
            }
        }
        return new VulkanInstance(vk, instance, extensions, options.ApiVersion, owned: true, messenger);
    }

    /// <summary>
    /// Wraps an instance the caller created (an engine's), to call Vulkan on it through this process's loader.
    /// Disposing the wrapper leaves the instance alone. <paramref name="apiVersion"/> is the version the instance
    /// was created with (VkApplicationInfo.apiVersion), which bounds the core functions that may be called.
    /// </summary>
    public static VulkanInstance FromHandle(nint handle, uint apiVersion, IReadOnlyList<string>? enabledExtensions = null)
    {
        if (handle == 0) throw new ArgumentException("The VkInstance handle is null.", nameof(handle));
        var vk = LoadLoader();
        var instance = new Instance(handle);
        // Silk.NET resolves instance and device functions through these: core functions come from the loader's
        // exports and work for any handle; extension functions are fetched with vkGet*ProcAddr on the handle.
        vk.CurrentInstance = instance;
        return new VulkanInstance(vk, instance, enabledExtensions ?? Array.Empty<string>(), apiVersion, owned: false);
    }

    /// <summary>False for an instance borrowed with <see cref="FromHandle"/>.</summary>
    public bool IsOwned => owned;

    /// <summary>Every physical device with its properties, queue families and extensions.</summary>
    public IReadOnlyList<PhysicalDeviceInfo> PhysicalDevices()
    {
        uint count = 0;
        Vk.EnumeratePhysicalDevices(Handle, &count, null).Check("vkEnumeratePhysicalDevices");
        var devices = new PhysicalDevice[count];
        fixed (PhysicalDevice* pointer = devices)
            if (count > 0) Vk.EnumeratePhysicalDevices(Handle, &count, pointer).Check("vkEnumeratePhysicalDevices");
        return devices.Take((int)count).Select(d => PhysicalDeviceInfo.Query(Vk, d)).ToList();
    }

    /// <summary>An instance-level function (an extension's entry point), or an exception naming it.</summary>
    public nint GetFunction(string name)
    {
        nint pointer = Vk.GetInstanceProcAddr(Handle, name);
        if (pointer == 0)
            throw new VulkanUnavailableException($"The Vulkan instance has no function {name}",
                "Update the Vulkan loader and driver; the extension providing it must be enabled");
        return pointer;
    }

    private static Vk LoadLoader()
    {
        try
        {
            return Vk.GetApi();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new VulkanUnavailableException(
                $"The Vulkan loader library could not be loaded ({e.Message.Split('\n')[0].Trim()})",
                VulkanUnavailableException.InstallFix, e);
        }
    }

    private static HashSet<string> AvailableExtensions(Vk vk)
    {
        uint count = 0;
        Result result;
        try { result = vk.EnumerateInstanceExtensionProperties((byte*)null, &count, null); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or FileNotFoundException)
        {
            throw new VulkanUnavailableException($"The Vulkan loader library could not be loaded ({e.Message.Split('\n')[0].Trim()})",
                VulkanUnavailableException.InstallFix, e);
        }
        result.Check("vkEnumerateInstanceExtensionProperties");
        var properties = new ExtensionProperties[count];
        fixed (ExtensionProperties* pointer = properties)
            if (count > 0) vk.EnumerateInstanceExtensionProperties((byte*)null, &count, pointer).Check("vkEnumerateInstanceExtensionProperties");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
            fixed (byte* name = properties[i].ExtensionName) names.Add(SilkMarshal.PtrToString((nint)name) ?? "");
        return names;
    }

    private static HashSet<string> AvailableLayers(Vk vk)
    {
        uint count = 0;
        vk.EnumerateInstanceLayerProperties(&count, null).Check("vkEnumerateInstanceLayerProperties");
        var properties = new LayerProperties[count];
        fixed (LayerProperties* pointer = properties)
            if (count > 0) vk.EnumerateInstanceLayerProperties(&count, pointer).Check("vkEnumerateInstanceLayerProperties");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
            fixed (byte* name = properties[i].LayerName) names.Add(SilkMarshal.PtrToString((nint)name) ?? "");
        return names;
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (messenger.Handle != 0) VulkanValidation.DestroyMessenger(Vk, Handle, messenger);
        if (owned) Vk.DestroyInstance(Handle, null);
        // A borrowed instance's wrapper loaded its own function table (and a reference to the loader library): release it.
        else Vk.Dispose();
    }
}

/// <summary>A NUL-terminated UTF-8 copy of a string in unmanaged memory.</summary>
internal sealed unsafe class NativeUtf8 : IDisposable
{
    public NativeUtf8(string text) => Pointer = (byte*)Marshal.StringToCoTaskMemUTF8(text);

    public byte* Pointer { get; private set; }

    public void Dispose()
    {
        if (Pointer == null) return;
        Marshal.FreeCoTaskMem((nint)Pointer);
        Pointer = null;
    }
}

/// <summary>An array of NUL-terminated UTF-8 strings in unmanaged memory (for ppEnabledExtensionNames and the like).</summary>
internal sealed unsafe class NativeUtf8Array : IDisposable
{
    private readonly NativeUtf8[] strings;

    public NativeUtf8Array(IReadOnlyList<string> texts)
    {
        strings = texts.Select(t => new NativeUtf8(t)).ToArray();
        Pointer = (byte**)Marshal.AllocCoTaskMem(Math.Max(1, strings.Length) * sizeof(nint));
        for (int i = 0; i < strings.Length; i++) Pointer[i] = strings[i].Pointer;
    }

    public byte** Pointer { get; private set; }

    public void Dispose()
    {
        if (Pointer == null) return;
        foreach (var s in strings) s.Dispose();
        Marshal.FreeCoTaskMem((nint)Pointer);
        Pointer = null;
    }
}
