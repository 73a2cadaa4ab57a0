namespace EscalationDsl.Simulation.Tests;

/// <summary>
/// A ticket whose created row cannot be read: in canonical JSON Lines and CSV its later rows said only
/// "has no created event", as if the file held none (docs/events.md, "A ticket without its created event").
/// </summary>
public sealed class SkippedCreatedRowTests
{
    private const string Created = "has no created event: the row of its created event was skipped (reported above); a ticket starts with created";
    private const string MayHaveHeld = "has no created event: a row of it was skipped (reported above) and may have held it; a ticket starts with created";
    private const string Plain = "has no created event; a ticket starts with created";

    [Fact]
    public void JsonLinesThatStillNameTheTicketAndItsTypeSayWhatTheSkippedLineHeld()
    {
        var replay = Replays.Canonical(".jsonl", """
            {"ticket":"A","at":"2026-11-02T10:00:00Z","type":"created","severity":"sev2","at":"x"}
            {"ticket":"A","at":"2026-11-02T10:05:00Z","type":"acknowledged"}
            {"ticket":"B","at":"2026-11-02T10:00:00Z","type":"created","severity":"sev2"
            {"ticket":"B","at":"2026-11-02T10:05:00Z","type":"acknowledged"}
            {"ticket":"C","at":"2026-11-02T10:00:00Z","type":"craeted","severity":"sev2"}
            {"ticket":"C","at":"2026-11-02T10:05:00Z","type":"acknowledged"}
            {"ticket":"D","at":"2026-11-02T10:00:00Z","type":"acknowledged","colour":"red"}
            {"ticket":"D","at":"2026-11-02T10:05:00Z","type":"resolved"}
            {"tick
            {"ticket":"E","at":"2026-11-02T10:05:00Z","type":"resolved"}
            {"ticket":"F","at":"2026-11-02T10:00:00Z","type":"created","severity":"sev2"}{"ticket":"F","type":"acknowledged"}
            {"ticket":"F","at":"2026-11-02T10:05:00Z","type":"resolved"}

            """);

        replay.Problems.ShouldBe(
        [
            "events.jsonl:1: at: given twice in the event; keep one (the last would silently win)",
            "events.jsonl:3: not valid JSON: the line ends before the event is closed (a '}', ']' or '\"' is missing, or the event is written over several lines); in JSON Lines each event is one whole JSON object on a line of its own (docs/events.md)",
            "events.jsonl:5: type: 'craeted' is not an event type (created, acknowledged, first_update, customer_update, assigned, field_set, severity_changed, flagged, workaround_failed, mitigation, status, resolved, closed, reopened); did you mean created?",
            "events.jsonl:7: colour: unknown field (fields of the ticket go inside \"fields\"; see docs/events.md)",
            "events.jsonl:9: not valid JSON: the line ends before the event is closed (a '}', ']' or '\"' is missing, or the event is written over several lines); in JSON Lines each event is one whole JSON object on a line of its own (docs/events.md)",
            "events.jsonl:11: not valid JSON: more text after the event's closing '}'; in JSON Lines each event is one whole JSON object on a line of its own (docs/events.md)",
            $"events.jsonl:2: ticket 'A' {Created}",
            $"events.jsonl:4: ticket 'B' {Created}",
            $"events.jsonl:6: ticket 'C' {MayHaveHeld}",
            $"events.jsonl:8: ticket 'D' {Plain}",
            $"events.jsonl:10: ticket 'E' {Plain}",
            $"events.jsonl:12: ticket 'F' {MayHaveHeld}",
        ]);
    }

    [Fact]
    public void CsvRowsThatStillNameTheTicketAndItsTypeSayWhatTheSkippedRowHeld()
    {
        var replay = Replays.Canonical(".csv", """
            ticket,at,type,severity,engineering
            A,2026-11-02T10:00:00Z,created
            A,2026-11-02T10:05:00Z,acknowledged,,
            B,2026-11-02T10:00:00Z,opened,sev2,
            B,2026-11-02T10:05:00Z,acknowledged,,
            C,2026-11-02T10:00:00Z,assigned,,maybe
            C,2026-11-02T10:05:00Z,resolved,,
            ,2026-11-02T10:00:00Z,created,sev2,
            D,2026-11-02T10:05:00Z,resolved,,

            """);

        replay.Problems.ShouldBe(
        [
            "events.csv:2: expected 5 columns, found 3; write an empty cell (nothing between two commas) for each column the row does not give",
            "events.csv:4: type: 'opened' is not an event type (created, acknowledged, first_update, customer_update, assigned, field_set, severity_changed, flagged, workaround_failed, mitigation, status, resolved, closed, reopened); did you mean reopened?",
            "events.csv:6: engineering: must be true or false, not 'maybe'",
            "events.csv:8: ticket: every event needs the id of the ticket it belongs to",
            $"events.csv:3: ticket 'A' {Created}",
            $"events.csv:5: ticket 'B' {MayHaveHeld}",
            $"events.csv:7: ticket 'C' {Plain}",
            $"events.csv:9: ticket 'D' {Plain}",
        ]);
    }
}
