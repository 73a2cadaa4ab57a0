using System.Globalization;
using System.Text;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Time;
using NodaTime;

namespace EscalationDsl.Runtime.Tracing;

/// <summary>
/// A ticket's explanation as text: the timeline, one entry a line, and the state block. `esc explain`
/// prints it, and the engine answers it for <c>GET /v1/tickets/{id}/timeline</c> asked for text.
/// </summary>
public static class ExplainText
{
    /// <summary>The whole text, ending with a line break.</summary>
    /// <param name="ticketId">The ticket.</param>
    /// <param name="policy">The policy version the ticket ran under.</param>
    /// <param name="entries">The trace.</param>
    /// <param name="state">The ticket's state at <paramref name="end"/>.</param>
    /// <param name="end">The time the state is given at.</param>
    /// <param name="time">How a time is written (<c>esc explain --zone</c>); by default ISO 8601 in UTC.</param>
    public static string Render(string ticketId, CompiledPolicy policy, IReadOnlyList<TraceEntry> entries, TicketSnapshot state, Instant end, Func<Instant, string>? time = null) =>
        Render(ticketId, policy, entries, [new TimelineState(entries.Count, state, end)], time, sinceCreated: false);

    /// <summary>
    /// The whole text with a state block after the entries up to each of <paramref name="states"/>
    /// (<c>esc explain --step</c>), ending with a line break.
    /// </summary>
    /// <param name="ticketId">The ticket.</param>
    /// <param name="policy">The policy version the ticket ran under.</param>
    /// <param name="entries">The trace.</param>
    /// <param name="states">The states to show, in time order, each after the entries up to it.</param>
    /// <param name="time">How a time is written (<c>esc explain --zone</c>); by default ISO 8601 in UTC.</param>
    /// <param name="sinceCreated">Each state's time also says how long after the ticket's creation it is (<c>+15m</c>).</param>
    public static string Render(string ticketId, CompiledPolicy policy, IReadOnlyList<TraceEntry> entries, IReadOnlyList<TimelineState> states, Func<Instant, string>? time, bool sinceCreated)
    {
        time ??= TicketEventJson.FormatTime;
        var sb = new StringBuilder();
        // Values from the event file may hold line breaks: each timeline entry stays on its line.
        sb.Append(CultureInfo.InvariantCulture, $"ticket {OneLine.Of(ticketId)} under policy {policy.Name} version {policy.Version}\n");
        // A time with a fraction of a second is longer: every time is padded to the longest, so the columns stay in line.
        var times = entries.Select(e => time(e.At)).ToList();
        var width = times.Count == 0 ? 0 : times.Max(t => t.Length);
        var shown = 0;
        for (var i = 0; i < states.Count; i++)
        {
            // A blank line before and after the entries up to each state; a state with no entries before it
            // follows the header, or the state before it, after one blank line.
            sb.Append('\n');
            var first = shown;
            for (; shown < states[i].Entries; shown++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{times[shown].PadRight(width)}  {KindName(entries[shown].Kind),-8}  {OneLine.Of(EntryText(entries[shown], time))}\n");
            }

            if (shown > first)
            {
                sb.Append('\n');
            }

            AppendState(sb, policy, states[i], time, sinceCreated);
        }

        return sb.ToString();
    }

    /// <summary>The state block: <c>state at TIME: ...</c>, then a line per clock, the rules applying and the next deadline.</summary>
    internal static void AppendState(StringBuilder sb, CompiledPolicy policy, TimelineState block, Func<Instant, string> time, bool sinceCreated)
    {
        var state = block.State;
        var since = sinceCreated ? $" (+{SinceCreated((block.At - state.Created).ToInt64Nanoseconds() / 1_000_000)})" : "";
        sb.Append(CultureInfo.InvariantCulture, $"state at {time(block.At)}{since}: {state.State}, severity {state.Severity}, owner {state.Owner ?? "(none)"}, escalation level {state.Level}");
        if (state.Monitoring)
        {
            sb.Append(", monitor mode");
        }

        if (state.PagingStopped)
        {
            sb.Append(", paging stopped");
        }

        if (state.Paused)
        {
            sb.Append(", SLA paused");
        }

        sb.Append('\n');
        foreach (var clock in state.Clocks)
        {
            // A step's trigger, the update cadence as written, or the conditions time changes at the recheck of
            // time-dependent conditions.
            var about = clock.Step ?? clock.Cadence ?? (clock.Conditions is { } changing ? string.Join("; ", changing) : null);
            // A blocked step says what it waits for: `blocked until client_version is set`.
            var blockedNow = clock.Status == "blocked";
            var status = blockedNow && clock.BlockReason is { } reason ? EscalationBlock.Status(reason)
                : clock.BreachedUnder is { } severity ? $"{clock.Status} under {severity}"
                : clock.Status;
            sb.Append(CultureInfo.InvariantCulture, $"  {clock.Name,-28} {status}{(clock.Due is { } due ? (blockedNow ? ", next tick due " : " due ") + time(due) : "")}{(about is null ? "" : $"  ({about})")}");
            if (clock.SkipReason is { } skip)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {SkipNote}: {skip}");
            }
            else if (clock.BlockReason is { } blocked && !blockedNow)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {BlockNote}: {blocked}");
            }

            sb.Append('\n');
        }

        sb.Append(CultureInfo.InvariantCulture, $"  rules applying: {(state.ActiveRules.Count == 0 ? "none" : string.Join(", ", state.ActiveRules))}\n");
        if (IdleRule.Of(state, policy.Model) is { Count: > 0 } idle)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  rules for {state.Severity} not applying now: {string.Join(", ", idle.Select(r => $"{r.Rule} (when {OneLine.Of(r.When)})"))}\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"  next deadline: {(state.NextDeadline is { } next ? time(next) : "none")}\n");
    }

    /// <summary>
    /// A state's time since the ticket's creation, as the trace gives spans (<c>1h30m</c>, <c>1m30s</c>: parts that
    /// are zero left out, seconds when there are any); from a day on with days and weeks too, as <c>--at</c> and
    /// <c>--step</c> are written (<c>2w4d7h</c>, not <c>415h</c>).
    /// </summary>
    private static string SinceCreated(long ms)
    {
        const long Day = 86_400_000;
        if (ms < Day)
        {
            return TimeArithmetic.Span(ms);
        }

        var seconds = ms / 1000 % 60;
        return ModelFormatter.FormatWallClock(Duration.FromMilliseconds(ms)) + (seconds > 0 ? string.Create(CultureInfo.InvariantCulture, $"{seconds}s") : "");
    }

    /// <summary>What a pending step's skip reason follows in the state block.</summary>
    private const string SkipNote = "— skipped when due if no event comes before then";

    private const string BlockNote = "— when due, if no event comes before then";

    /// <summary>
    /// The text of a decision's entry: <c>page oncall_eng: page [INC-9/sev1_production/0/1/1.0]</c> (its kind's name, its
    /// owner if any, its detail and its id, which ends the text).
    /// </summary>
    public static string DecisionText(string kind, string? owner, string detail, string id) =>
        $"{kind}{(owner is null ? "" : " " + owner)}: {detail} [{id}]";

    /// <summary>
    /// An entry's text as the timeline (text and JSON) gives it: an event that came late ends with when it was applied,
    /// <c>event field_set request_id=M-7 (late: applied as of 2026-11-02T14:10:00.473Z)</c>, since it stands after
    /// entries later than its own time.
    /// </summary>
    /// <param name="entry">The entry.</param>
    /// <param name="time">How a time is written; by default ISO 8601 in UTC.</param>
    public static string EntryText(TraceEntry entry, Func<Instant, string>? time = null) =>
        entry.AppliedAt is { } applied ? $"{entry.Text} (late: applied as of {(time ?? TicketEventJson.FormatTime)(applied)})" : entry.Text;

    /// <summary>A trace entry's kind as the timeline (text and JSON, esc explain and the engine's /timeline) writes it: <c>event</c>, <c>deadline</c>, ...</summary>
    public static string KindName(TraceKind kind) => kind.ToString().ToLowerInvariant();
}
