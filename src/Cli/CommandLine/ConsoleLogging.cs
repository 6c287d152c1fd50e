using GdpoRealtime.Interop.Vulkan;
using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Cli.CommandLine;

/// <summary>Log lines go to standard error, so standard output stays for results; with GDPO_VULKAN_VALIDATION=1 the validation layer's messages too.</summary>
public static class ConsoleLogging
{
    public static ILoggerFactory Create(bool verbose = false)
    {
        var factory = CreateFactory(verbose);
        return VulkanValidation.Requested ? new WithValidation(factory) : factory;
    }

    /// <summary>Logs the layer's errors (and, verbose, its warnings) while the factory lives.</summary>
    private sealed class WithValidation : ILoggerFactory
    {
        private readonly ILoggerFactory inner;
        private readonly Action<ValidationMessage> report;

        public WithValidation(ILoggerFactory inner)
        {
            this.inner = inner;
            var logger = inner.CreateLogger("vulkan-validation");
            report = message =>
            {
                if (message.IsError) logger.LogError("Vulkan validation {Message}", message);
                else logger.LogDebug("Vulkan validation {Message}", message);
            };
            VulkanValidation.Reported += report;
        }

        public ILogger CreateLogger(string categoryName) => inner.CreateLogger(categoryName);

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose()
        {
            VulkanValidation.Reported -= report;
            inner.Dispose();
        }
    }

    private static ILoggerFactory CreateFactory(bool verbose) => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        }));
}
