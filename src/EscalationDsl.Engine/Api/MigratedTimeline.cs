using System.Text.Json;
using EscalationDsl.Engine.Processing;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Tracing;
using NodaTime;

namespace EscalationDsl.Engine.Api;

/// <summary>
/// What a timeline says of a ticket's migrations. A migration replays the ticket's log under the new
/// version: the decisions that replay makes before the migration instant were not sent, unless an older
/// version took the same decision (same id, time, kind and owner), which the outbox holds. Without this,
/// an auditor reading the timeline believed on-call was told (a user trial's F6). The decisions an older
/// version sent and the replay does not make are shown too, at their instant: without them the page that
/// really went out was missing.
/// </summary>
internal static class MigratedTimeline
{
    /// <summary>The entry at the migration instant; <paramref name="policy"/> is the policy's name.</summary>
    public static string EntryText(string policy, StoredMigration m) =>
        $"ticket migrated from policy {policy} version {m.FromVersion} ({m.FromFingerprint}) to version {m.ToVersion} ({m.ToFingerprint}); " +
        "the entries before this are a replay of its log under the version this timeline shows, and decisions marked (not sent) there were never sent; " +
        "decisions marked (sent under version N) are not in that replay: an older version sent them";

    /// <summary>Appended to a decision entry before the latest migration that was never sent; <paramref name="version"/> is the running version.</summary>
    public static string NotSentMarker(int version) => $" (not sent: replayed when the ticket moved to version {version})";

    /// <summary>Appended to a decision entry after the latest migration whose id the outbox held already, from a decision version <paramref name="sentUnder"/> sent.</summary>
    public static string HeldMarker(int sentUnder) => $" (not sent: the outbox holds a decision with this id that version {sentUnder} sent)";

    /// <summary>Appended to the entry of a decision version <paramref name="sentUnder"/> sent that the running <paramref name="version"/> does not take.</summary>
    public static string SentUnderMarker(int sentUnder, int version) => $" (sent under version {sentUnder}; version {version} does not take it)";

    /// <summary>
    /// Marks the decisions before the latest migration that the outbox does not hold, and those after it whose id it held
    /// already, and adds those it holds that the replay does not make (asked of the loop).
    /// </summary>
    public static async Task<TimelineReplay> MarkAsync(TimelineReplay replay, EngineLoop loop)
    {
        if (replay.Points.Count == 0)
        {
            return replay;
        }

        var read = new ReadItem<List<StoredDecision>>(l => l.SentDecisions(replay.Id));
        loop.Post(read);
        var stored = await read.Task;
        var byId = stored.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var same = replay.Decisions
            .Where(d => byId.TryGetValue(d.Id, out var s) && s.At == d.At.ToUnixTimeMilliseconds() && s.Kind == DecisionKinds.Name(d.Kind) && s.Owner == d.Owner)
            .Select(d => d.Id)
            .ToHashSet(StringComparer.Ordinal);

        var earlier = stored.Where(s => !same.Contains(s.Id)).Select(s => SentEarlier(replay, s)).ToList();
        var last = replay.Points[^1];
        var notSent = replay.Decisions.Take(last.Decisions).Where(d => !same.Contains(d.Id)).ToList();
        var entries = replay.Entries.ToList();
        foreach (var d in notSent)
        {
            Mark(entries, 0, last.Entries, d, NotSentMarker(replay.Version.Version));
        }

        // After the migration each decision was stored as it came, unless the outbox held its id: an older version sent a
        // decision with it (at another time, of another kind or owner), and the outbox keeps one decision an id.
        var held = replay.Decisions.Skip(last.Decisions).Where(d => !same.Contains(d.Id) && byId.ContainsKey(d.Id)).ToList();
        foreach (var d in held)
        {
            Mark(entries, last.Entries, entries.Count - last.Entries, d, HeldMarker(earlier.First(e => e.Decision.Id == d.Id).Decision.SentUnderVersion!.Value));
        }

        // A late event stands at the time it was applied, not its own.
        var entryTimes = replay.Entries.Select(e => e.AppliedAt ?? e.At).ToList();
        var decisionTimes = replay.Decisions.Select(d => d.At).ToList();
        return replay with
        {
            Entries = Inserted(entries, earlier.Select(e => (Place(entryTimes, e.At, replay.Points, p => p.Entries), e.Entry))),
            NotSent = notSent.Concat(held).Select(d => d.Id).ToHashSet(StringComparer.Ordinal),
            SentEarlier = [.. earlier.Select(e => (Place(decisionTimes, e.At, replay.Points, p => p.Decisions), e.Decision))],
        };
    }

    /// <summary>Appends <paramref name="marker"/> to the entry of <paramref name="d"/> among <paramref name="count"/> entries from <paramref name="start"/>.</summary>
    private static void Mark(List<TraceEntry> entries, int start, int count, Decision d, string marker)
    {
        var at = entries.FindIndex(start, count, e => e.Kind == TraceKind.Decision && e.At == d.At && e.Text.EndsWith($" [{d.Id}]", StringComparison.Ordinal));
        if (at >= 0)
        {
            entries[at] = entries[at] with { Text = entries[at].Text + marker };
        }
    }

    /// <summary>A decision the outbox holds that the replay does not make: its entry and its JSON, marked with the version that sent it.</summary>
    private static (Instant At, TraceEntry Entry, TimelineDecision Decision) SentEarlier(TimelineReplay replay, StoredDecision s)
    {
        // The body is the document the sinks got: it names the version that took the decision and says what it said.
        var sent = JsonSerializer.Deserialize(s.Body, EngineJsonContext.Default.DecisionDocument)
            ?? throw new InvalidDataException($"The stored decision '{s.Id}' of ticket '{replay.Id}' has no body.");
        var at = Instant.FromUnixTimeMilliseconds(s.At);
        var text = ExplainText.DecisionText(s.Kind, s.Owner, sent.Detail, s.Id) + SentUnderMarker(sent.PolicyVersion, replay.Version.Version);
        return (at, new TraceEntry(at, TraceKind.Decision, text),
            new TimelineDecision(s.Id, s.Kind, s.Owner, TicketEventJson.FormatTime(at), sent.Detail, Sent: true, SentUnderVersion: sent.PolicyVersion));
    }

    /// <summary>
    /// Where an item at <paramref name="at"/> goes among the replay's (at <paramref name="times"/>): after those at or
    /// before its instant, and before the first migration at or after it (<paramref name="index"/> of its point), which
    /// it happened before.
    /// </summary>
    private static int Place(List<Instant> times, Instant at, List<MigrationPoint> points, Func<MigrationPoint, int> index)
    {
        var next = points.FindIndex(p => at.ToUnixTimeMilliseconds() <= p.Migration.At);
        var cap = next < 0 ? times.Count : index(points[next]);
        var found = times.FindIndex(0, cap, t => t > at);
        return found < 0 ? cap : found;
    }

    /// <summary>The items with each of <paramref name="added"/> inserted before the item it names (by its index among <paramref name="items"/>), in the order given.</summary>
    public static List<T> Inserted<T>(List<T> items, IEnumerable<(int Before, T Item)> added)
    {
        var all = items.ToList();
        var ordered = added.OrderBy(a => a.Before).ToList(); // stable: the added that go to one place keep their order
        for (var i = ordered.Count - 1; i >= 0; i--)
        {
            all.Insert(ordered[i].Before, ordered[i].Item);
        }

        return all;
    }
}
