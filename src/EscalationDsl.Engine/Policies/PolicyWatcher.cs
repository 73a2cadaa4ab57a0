using EscalationDsl.Engine.Processing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EscalationDsl.Engine.Policies;

/// <summary>
/// Watches the policy folder and reloads once changes settle (<see cref="EngineOptions.ReloadQuietPeriod"/>
/// without one, in real time: file-system events are not business time). Reloads go through the engine loop.
/// </summary>
internal sealed class PolicyWatcher(EngineLoop loop, EngineOptions options, ILogger<PolicyWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changed = new WakeSignal(TimeProvider.System);
        var settled = new QuietPeriod(TimeProvider.System, options.ReloadQuietPeriod);
        using var watcher = new FileSystemWatcher(loop.Registry.Folder, "*.esc")
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName,
        };

        // The lint settings decide which files are refused as much as the files do: a change to them
        // was read only with the next change of a policy, or POST /v1/policies:reload.
        watcher.Filters.Add(PolicyFiles.LintSettings);
        void OnChange()
        {
            settled.Changed();
            changed.Set();
        }

        watcher.Changed += (_, _) => OnChange();
        watcher.Created += (_, _) => OnChange();
        watcher.Deleted += (_, _) => OnChange();
        watcher.Renamed += (_, _) => OnChange();
        watcher.Error += (_, e) => logger.LogWarning(e.GetException(), "Watching {Folder} failed; use POST /v1/policies:reload", loop.Registry.Folder);
        watcher.EnableRaisingEvents = true;

        // The engine read the folder when it started, before this watch began: a file changed in
        // between raised no event, and would be read only with the next change.
        if (loop.Registry.ChangedSinceRead())
        {
            OnChange();
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await changed.WaitAsync(null, stoppingToken).ConfigureAwait(false);
                await settled.WaitAsync(stoppingToken).ConfigureAwait(false);

                // The changes that came while the folder settled are read by this reload: without
                // forgetting their wake-up, every burst of more than one change was reloaded twice (a
                // refused file logged and counted twice). A change from here on wakes the next round.
                changed.Clear();
                var reload = new CommandItem<IReadOnlyList<PolicyStatus>>(l => l.ReloadPolicies());
                loop.Post(reload);
                await reload.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (EngineErrorException failed)
            {
                // The loop could not reload (a storage failure, the engine stopping): it stopped the host
                // before. The running versions stay; the next change or POST /v1/policies:reload tries again.
                logger.LogWarning("Reloading {Folder} after a change failed: {Reason} The policies already running keep running; the next change or POST /v1/policies:reload reloads again", loop.Registry.Folder, failed.Message);
            }
        }
    }
}
