using EscalationDsl.Engine.Processing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EscalationDsl.Engine.Scheduling;

/// <summary>
/// Fires deadlines: sleeps until the earliest pending deadline (on the injected TimeProvider) or
/// until an earlier one is scheduled, then asks the engine loop to run everything due. No polling.
/// </summary>
internal sealed class DeadlineScheduler : BackgroundService
{
    private readonly EngineLoop loop;
    private readonly TimeProvider time;
    private readonly ILogger<DeadlineScheduler> logger;
    private readonly WakeSignal wake;
    private RetryDelay retry;

    public DeadlineScheduler(EngineLoop loop, TimeProvider time, ILogger<DeadlineScheduler> logger)
    {
        this.loop = loop;
        this.time = time;
        this.logger = logger;
        wake = new WakeSignal(time);
        loop.DeadlinesChanged += wake.Set;
        loop.Metrics.Overdue = () => Lag;
    }

    /// <summary>How far behind the scheduler is now: zero unless a deadline is due and not yet run.</summary>
    public TimeSpan Lag
    {
        get
        {
            var due = loop.NextDue;
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            return due == long.MaxValue || due > now ? TimeSpan.Zero : TimeSpan.FromMilliseconds(now - due);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var due = loop.NextDue;
                var now = time.GetUtcNow().ToUnixTimeMilliseconds();
                if (due <= now)
                {
                    var tick = new AdvanceItem();
                    loop.Post(tick);
                    if (await tick.Task.ConfigureAwait(false) is { } failure)
                    {
                        if (stoppingToken.IsCancellationRequested || failure.Status == 503 && failure.Title == "Engine stopping")
                        {
                            break; // the loop is shutting down: nothing to retry
                        }

                        // Nothing of the tick was stored (the loop logged why): the same deadlines are
                        // still due, so wait before trying again rather than spin on them.
                        var wait = retry.Next();
                        logger.LogWarning("Running due deadlines failed ({Title}); trying again in {Seconds} s", failure.Title, wait.TotalSeconds);
                        await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                    }
                    else
                    {
                        retry.Reset();
                    }

                    continue;
                }

                await wake.WaitUntilAsync(due == long.MaxValue ? null : due, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The deadline scheduler failed; retrying in 1 s");
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
