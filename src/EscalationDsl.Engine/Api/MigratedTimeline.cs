using EscalationDsl.Engine.Processing;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Tracing;

namespace EscalationDsl.Engine.Api;

/// <summary>
/// What a timeline says of a ticket's migrations. A migration replays the ticket's log under the new
/// version: the decisions that replay makes before the migration instant were not sent, unless an older
/// version took the same decision (same id, time, kind and owner), which the outbox holds. Without this,
/// an auditor reading the timeline believed on-call was told (a user trial's F6).
/// </summary>
internal static class MigratedTimeline
{
    /// <summary>The entry at the migration instant; <paramref name="policy"/> is the policy's name.</summary>
    public static string EntryText(string policy, StoredMigration m) =>
        $"ticket migrated from policy {policy} version {m.FromVersion} ({m.FromFingerprint}) to version {m.ToVersion} ({m.ToFingerprint}); " +
        "the entries before this are a replay of its log under the version this timeline shows, and decisions marked (not sent) there were never sent";

    /// <summary>Appended to a decision entry before the latest migration that was never sent; <paramref name="version"/> is the running version.</summary>
    public static string NotSentMarker(int version) => $" (not sent: replayed when the ticket moved to version {version})";

    /// <summary>Marks the decisions before the latest migration that the outbox does not hold (asked of the loop).</summary>
    public static async Task<TimelineReplay> MarkAsync(TimelineReplay replay, EngineLoop loop)
    {
        if (replay.Points.Count == 0)
        {
            return replay;
        }

        var last = replay.Points[^1];
        var replayed = replay.Decisions.Take(last.Decisions).ToList();
        var read = new ReadItem<HashSet<string>>(l => l.Sent(replayed.Select(d => (d.Id, d.At, DecisionKinds.Name(d.Kind), d.Owner))));
        loop.Post(read);
        var sent = await read.Task;
        var notSent = replayed.Where(d => !sent.Contains(d.Id)).ToList();
        var entries = replay.Entries.ToList();
        foreach (var d in notSent)
        {
            var at = entries.FindIndex(0, last.Entries, e => e.Kind == TraceKind.Decision && e.At == d.At && e.Text.EndsWith($" [{d.Id}]", StringComparison.Ordinal));
            if (at >= 0)
            {
                entries[at] = entries[at] with { Text = entries[at].Text + NotSentMarker(replay.Version.Version) };
            }
        }

        return replay with { Entries = entries, NotSent = notSent.Select(d => d.Id).ToHashSet(StringComparer.Ordinal) };
    }
}
