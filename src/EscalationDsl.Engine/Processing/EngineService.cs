using EscalationDsl.Engine.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EscalationDsl.Engine.Processing;

/// <summary>
/// Owns the engine loop's lifetime: recovery runs in <see cref="StartAsync"/>, before the HTTP
/// server, the scheduler and the dispatcher start; at shutdown the loop finishes its queued work.
/// </summary>
internal sealed class EngineService(EngineLoop loop, EngineDatabase database, IHostApplicationLifetime lifetime, ILogger<EngineService> logger) : IHostedService, IDisposable
{
    private Task? running;
    private readonly CancellationTokenSource stopping = new();
    private FileStream? databaseLock;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        databaseLock = LockDatabase(database.Path);
        loop.Start();
        var (tickets, policies) = (loop.OpenTickets, loop.Registry.Current.Count);

        // Ready once the HTTP server listens too: if binding its address fails, the engine never was.
        lifetime.ApplicationStarted.Register(() => logger.LogInformation(
            "Engine ready: {OpenTickets} open {TicketNoun}, {Policies} {PolicyNoun}",
            tickets, tickets == 1 ? "ticket" : "tickets", policies, policies == 1 ? "policy" : "policies"));
        running = Task.Run(() => loop.RunAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Two engines on one database would each keep their own tickets in memory and both fire every
    /// deadline: the first holds FILE.lock (an advisory lock the system drops when the process ends,
    /// even when killed) until it stops, and a second is refused.
    /// </summary>
    private static FileStream LockDatabase(string path)
    {
        var file = path + ".lock";
        try
        {
            return new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new EngineConfigurationException($"Engine:Database: {path} is in use by another engine (it holds {file}); run one engine per database");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new EngineConfigurationException($"Engine:Database: cannot create {file}: {e.Message}");
        }
    }

    public void Dispose()
    {
        databaseLock?.Dispose();
        databaseLock = null;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        loop.Complete();
        if (running is not null)
        {
            try
            {
                await running.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                logger.LogWarning("The engine loop did not finish its queued work before the shutdown timeout");
                await stopping.CancelAsync().ConfigureAwait(false);
            }
        }
    }
}
