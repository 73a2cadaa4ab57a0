namespace EscalationDsl.Engine.Scheduling;

/// <summary>How long the scheduler waits before running deadlines again after a failed run: 1 s, doubling up to a minute.</summary>
internal struct RetryDelay
{
    /// <summary>The longest wait.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    private int failures;

    /// <summary>The wait after one more failure.</summary>
    public TimeSpan Next()
    {
        failures = Math.Min(failures + 1, 7);
        var wait = TimeSpan.FromSeconds(1 << (failures - 1));
        return wait < Longest ? wait : Longest;
    }

    /// <summary>A run succeeded: the next failure waits 1 s again.</summary>
    public void Reset() => failures = 0;
}
