using GdpoRealtime.Interop.Vulkan;
using NUnit.Framework.Interfaces;

namespace GdpoRealtime.Tests.Support;

/// <summary>
/// Every Vulkan test runs under the Khronos validation layer (VulkanTestSession sets GDPO_VULKAN_VALIDATION=1 before
/// the first instance): its messages are collected here, and <see cref="FailOnVulkanValidationErrorsAttribute"/> fails
/// any test during which the layer reported an error. A test that provokes an error on purpose takes it with
/// <see cref="TakeErrors"/>.
/// </summary>
public static class VulkanValidationLog
{
    private static readonly Lock Gate = new();
    private static readonly List<ValidationMessage> Messages = new();
    private static bool attached;

    public static void Attach()
    {
        lock (Gate)
        {
            if (attached) return;
            attached = true;
            VulkanValidation.Reported += message =>
            {
                lock (Gate) Messages.Add(message);
            };
        }
    }

    public static void Clear()
    {
        lock (Gate) Messages.Clear();
    }

    /// <summary>The errors reported since the test began, removed from the log.</summary>
    public static IReadOnlyList<ValidationMessage> TakeErrors()
    {
        lock (Gate)
        {
            var errors = Messages.Where(m => m.IsError).ToList();
            Messages.RemoveAll(m => m.IsError);
            return errors;
        }
    }

    public static IReadOnlyList<ValidationMessage> TakeAll()
    {
        lock (Gate)
        {
            var all = Messages.ToList();
            Messages.Clear();
            return all;
        }
    }
}

/// <summary>Fails a test during which the validation layer reported an error, naming each error; prints its warnings.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class FailOnVulkanValidationErrorsAttribute : Attribute, ITestAction
{
    public ActionTargets Targets => ActionTargets.Test;

    public void BeforeTest(ITest test) => VulkanValidationLog.Clear();

    public void AfterTest(ITest test)
    {
        var messages = VulkanValidationLog.TakeAll();
        foreach (var warning in messages.Where(m => !m.IsError)) TestContext.Out.WriteLine($"Vulkan validation {warning}");
        var errors = messages.Where(m => m.IsError).ToList();
        if (errors.Count > 0)
            Assert.Fail($"The Vulkan validation layer reported {errors.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors.Take(10))}");
    }
}
