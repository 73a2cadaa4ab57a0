using Microsoft.Extensions.Logging;

namespace EscalationDsl.Engine.Observability;

/// <summary>
/// Wraps the console logger to drop one message: the host's own "Hosting failed to start" (category
/// <c>Microsoft.Extensions.Hosting.Internal.Host</c>, event 11) when its exception is one the caller
/// reports itself in one line, such as a listen address already in use. The host logs that exception
/// with its stack trace before rethrowing it, so `esc serve` would otherwise print a trace above its
/// own message. Every other message, and this one for any other exception, passes through: an
/// unexpected start-up failure keeps its trace. Logging filters see only category and level, hence
/// a wrapper rather than a filter rule.
/// </summary>
[ProviderAlias("Console")]
internal sealed class StartupFailureLogFilter(ILoggerProvider inner, Func<Exception?, bool> reportedByCaller) : ILoggerProvider, ISupportExternalScope
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
    private const int HostingFailedToStart = 11;

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName == HostCategory ? new HostLogger(logger, reportedByCaller) : logger;
    }

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => (inner as ISupportExternalScope)?.SetScopeProvider(scopeProvider);

    public void Dispose() => inner.Dispose();

    private sealed class HostLogger(ILogger inner, Func<Exception?, bool> reportedByCaller) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == HostingFailedToStart && reportedByCaller(exception))
            {
                return;
            }

            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
