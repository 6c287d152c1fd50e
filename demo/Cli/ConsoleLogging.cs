using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Demo.Cli;

/// <summary>Log lines go to standard error, so standard output stays for results.</summary>
public static class ConsoleLogging
{
    public static ILoggerFactory Create(bool verbose = false) => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        }));
}
