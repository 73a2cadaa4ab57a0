using EscalationDsl.Engine.Processing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EscalationDsl.Engine.Policies;

/// <summary>
/// Watches the policy folder and reloads after changes settle (250 ms of quiet, in real time:
/// file-system events are not business time). Reloads go through the engine loop.
/// </summary>
internal sealed class PolicyWatcher(EngineLoop loop, ILogger<PolicyWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changed = new WakeSignal(TimeProvider.System);
        using var watcher = new FileSystemWatcher(loop.Registry.Folder, "*.esc")
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName,
        };
        FileSystemEventHandler onChange = (_, _) => changed.Set();
        watcher.Changed += onChange;
        watcher.Created += onChange;
        watcher.Deleted += onChange;
        watcher.Renamed += (_, _) => changed.Set();
        watcher.Error += (_, e) => logger.LogWarning(e.GetException(), "Watching {Folder} failed; use POST /v1/policies:reload", loop.Registry.Folder);
        watcher.EnableRaisingEvents = true;

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await changed.WaitAsync(null, stoppingToken).ConfigureAwait(false);
                await Task.Delay(Quiet, stoppingToken).ConfigureAwait(false);
                var reload = new CommandItem<IReadOnlyList<PolicyStatus>>(l => l.ReloadPolicies());
                loop.Post(reload);
                await reload.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }
}
