using Microsoft.Extensions.Logging;

namespace GdpoRealtime.Tests.Support;

/// <summary>An ILogger that keeps every formatted line, for tests of what a component logs.</summary>
public sealed class RecordingLogger : ILogger
{
    public List<string> Lines { get; } = new();
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Lines) Lines.Add(formatter(state, exception));
    }
}
