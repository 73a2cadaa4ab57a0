namespace EscalationDsl.Engine.Tests;

/// <summary>The engine's log lines, as formatted messages, and with their levels.</summary>
internal sealed class CapturedLogs : Microsoft.Extensions.Logging.ILoggerProvider, Microsoft.Extensions.Logging.ILogger
{
    private readonly List<(Microsoft.Extensions.Logging.LogLevel Level, string Text)> lines = [];

    public IReadOnlyList<string> Lines => [.. Entries.Select(e => e.Text)];

    /// <summary>Each line with the level it was logged at.</summary>
    public IReadOnlyList<(Microsoft.Extensions.Logging.LogLevel Level, string Text)> Entries
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (lines)
        {
            lines.Add((logLevel, formatter(state, exception)));
        }
    }

    public void Dispose()
    {
    }
}
