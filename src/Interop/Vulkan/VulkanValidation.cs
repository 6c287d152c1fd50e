using System.Runtime.InteropServices;
using Silk.NET.Core;
using Silk.NET.Core.Native;
using Silk.NET.Vulkan;

namespace GdpoRealtime.Interop.Vulkan;

/// <summary>One message of the Khronos validation layer: its severity, its VUID (or other id) and its text.</summary>
public sealed record ValidationMessage(DebugUtilsMessageSeverityFlagsEXT Severity, string Id, string Text)
{
    public bool IsError => (Severity & DebugUtilsMessageSeverityFlagsEXT.ErrorBitExt) != 0;

    public override string ToString() => $"{(IsError ? "error" : "warning")} {Id}: {Text}";
}

/// <summary>
/// The Khronos validation layer on every instance this process creates, when GDPO_VULKAN_VALIDATION=1 (development and
/// the test suite; Debian's package is vulkan-validationlayers): the layer and VK_EXT_debug_utils are enabled and a
/// messenger sends warnings and errors to <see cref="Reported"/>. An error also stops the call that caused it (the
/// messenger answers VK_TRUE, so the layer does not pass it down): an invalid copy is named instead of corrupting memory.
/// </summary>
public static unsafe class VulkanValidation
{
    public const string Variable = "GDPO_VULKAN_VALIDATION";
    public const string LayerName = "VK_LAYER_KHRONOS_validation";
    public const string DebugUtilsExtension = "VK_EXT_debug_utils";

    /// <summary>Every warning and error of every instance's layer, on the thread that made the call.</summary>
    public static event Action<ValidationMessage>? Reported;

    /// <summary>Whether GDPO_VULKAN_VALIDATION asks for the layer.</summary>
    public static bool Requested => Environment.GetEnvironmentVariable(Variable) == "1";

    internal static DebugUtilsMessengerEXT CreateMessenger(Vk vk, Instance instance)
    {
        var create = (delegate* unmanaged<Instance, DebugUtilsMessengerCreateInfoEXT*, AllocationCallbacks*, DebugUtilsMessengerEXT*, Result>)
            (nint)vk.GetInstanceProcAddr(instance, "vkCreateDebugUtilsMessengerEXT");
        if (create == null)
            throw new VulkanUnavailableException("The Vulkan loader enabled VK_EXT_debug_utils but has no vkCreateDebugUtilsMessengerEXT",
                "Update the Vulkan loader, or unset GDPO_VULKAN_VALIDATION.");
        var info = new DebugUtilsMessengerCreateInfoEXT
        {
            SType = StructureType.DebugUtilsMessengerCreateInfoExt,
            MessageSeverity = DebugUtilsMessageSeverityFlagsEXT.WarningBitExt | DebugUtilsMessageSeverityFlagsEXT.ErrorBitExt,
            MessageType = DebugUtilsMessageTypeFlagsEXT.GeneralBitExt | DebugUtilsMessageTypeFlagsEXT.ValidationBitExt | DebugUtilsMessageTypeFlagsEXT.PerformanceBitExt,
            PfnUserCallback = new PfnDebugUtilsMessengerCallbackEXT(&Callback),
        };
        DebugUtilsMessengerEXT messenger;
        create(instance, &info, null, &messenger).Check("vkCreateDebugUtilsMessengerEXT");
        return messenger;
    }

    internal static void DestroyMessenger(Vk vk, Instance instance, DebugUtilsMessengerEXT messenger)
    {
        var destroy = (delegate* unmanaged<Instance, DebugUtilsMessengerEXT, AllocationCallbacks*, void>)
            (nint)vk.GetInstanceProcAddr(instance, "vkDestroyDebugUtilsMessengerEXT");
        if (destroy != null) destroy(instance, messenger, null);
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(System.Runtime.CompilerServices.CallConvCdecl) })]
    private static Bool32 Callback(DebugUtilsMessageSeverityFlagsEXT severity, DebugUtilsMessageTypeFlagsEXT types,
        DebugUtilsMessengerCallbackDataEXT* data, void* user)
    {
        var message = new ValidationMessage(severity,
            SilkMarshal.PtrToString((nint)data->PMessageIdName) ?? data->MessageIdNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
            SilkMarshal.PtrToString((nint)data->PMessage) ?? "");
        try { Reported?.Invoke(message); }
        catch (Exception) { /* an exception must not cross into the driver */ }
        return message.IsError;
    }
}
