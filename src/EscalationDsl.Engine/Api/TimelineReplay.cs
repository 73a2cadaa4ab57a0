using EscalationDsl.Engine.Processing;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Tracing;
using NodaTime;

namespace EscalationDsl.Engine.Api;

/// <summary>Where a migration falls in a replayed log: after this many decisions and trace entries.</summary>
internal readonly record struct MigrationPoint(StoredMigration Migration, int Decisions, int Entries);

/// <summary>
/// A replayed log, as the JSON document or as the text of `esc explain`. <see cref="NotSent"/>: the ids of the
/// decisions the replay before the latest migration made that no version sent, and of those after it whose id the
/// outbox held already (marked in both).
/// <see cref="SentEarlier"/>: the decisions an older version sent that the replay does not make, each with the
/// index among <see cref="Decisions"/> it goes before (their entries are in <see cref="Entries"/> already).
/// </summary>
internal sealed record TimelineReplay(string Id, Policies.PolicyVersion Version, TicketRuntime Runtime, List<TraceEntry> Entries, List<Decision> Decisions,
    List<MigrationPoint> Points, Ticket? Ticket, Instant End, StoredMigration? Migrated)
{
    public IReadOnlySet<string> NotSent { get; init; } = new HashSet<string>();

    public IReadOnlyList<(int Before, TimelineDecision Decision)> SentEarlier { get; init; } = [];

    public TimelineDocument Document() => new(
        Id,
        Version.Name,
        Version.Version,
        Entries.Select(t => new TimelineEntry(TicketEventJson.FormatTime(t.At), ExplainText.KindName(t.Kind), ExplainText.EntryText(t), t.AppliedAt is { } applied ? TicketEventJson.FormatTime(applied) : null)).ToList(),
        MigratedTimeline.Inserted(
            Decisions.Select(d => new TimelineDecision(d.Id, DecisionKinds.Name(d.Kind), d.Owner, TicketEventJson.FormatTime(d.At), d.Detail, !NotSent.Contains(d.Id))).ToList(),
            SentEarlier),
        Ticket is null ? null : TicketDocument.From(Runtime.Describe(Ticket), Version.Name, Version.Version, Version.Fingerprint, MigrationDocument.Of(Migrated)));

    // A stored ticket's log starts with its created event; one without is damaged (answered as such).
    public string Text() => ExplainText.Render(Id, Version.Compiled, Entries, Runtime.Describe(Ticket ?? throw new InvalidDataException($"The log of ticket '{Id}' has no created event.")), End);
}
