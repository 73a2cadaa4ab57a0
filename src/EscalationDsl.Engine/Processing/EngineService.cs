using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EscalationDsl.Engine.Processing;

/// <summary>
/// Owns the engine loop's lifetime: recovery runs in <see cref="StartAsync"/>, before the HTTP
/// server, the scheduler and the dispatcher start; at shutdown the loop finishes its queued work.
/// </summary>
internal sealed class EngineService(EngineLoop loop, IHostApplicationLifetime lifetime, ILogger<EngineService> logger) : IHostedService, IDisposable
{
    private Task? running;
    private volatile bool ready;
    private readonly CancellationTokenSource stopping = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Ctrl+C while the policies load stops the start there, not after every file is read and linted.
        loop.Start(cancellationToken);
        var (tickets, policies) = (loop.OpenTickets, loop.Registry.Current.Count);

        // Ready once the HTTP server listens too: if binding its address fails, the engine never was.
        lifetime.ApplicationStarted.Register(() =>
        {
            ready = true;
            logger.LogInformation(
                "Engine ready: {OpenTickets} open {TicketNoun}, {Policies} {PolicyNoun}",
                tickets, Tickets(tickets), policies, policies == 1 ? "policy" : "policies");
        });
        running = Task.Run(() => loop.RunAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public void Dispose() => stopping.Dispose();

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

        // Stopped last of the engine's services: without a line, a stop looked like a crash in the
        // journal. A start that failed (its address in use) prints its one line, not this.
        if (ready)
        {
            var tickets = loop.OpenTickets;
            logger.LogInformation("Engine stopped: {OpenTickets} open {TicketNoun}, taken up again at the next start", tickets, Tickets(tickets));
        }
    }

    private static string Tickets(int count) => count == 1 ? "ticket" : "tickets";
}
