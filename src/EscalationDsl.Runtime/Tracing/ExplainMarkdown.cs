using System.Globalization;
using System.Text;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime.Events;
using NodaTime;

namespace EscalationDsl.Runtime.Tracing;

/// <summary>
/// A ticket's explanation as GitHub-flavoured Markdown, for a handout, a slide or a pull-request comment
/// (<c>esc explain --format markdown</c>): the timeline as a table of time, kind and entry, and after the entries up
/// to each state, that state as the text block gives it, its first line a paragraph and each further line an item.
/// Every text from the policy or the events is escaped so it shows as written.
/// </summary>
public static class ExplainMarkdown
{
    /// <summary>The whole document, ending with a line break.</summary>
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
        sb.Append(CultureInfo.InvariantCulture, $"**Ticket {MarkdownText.Escape(ticketId)}** under policy {MarkdownText.Escape(policy.Name)} version {policy.Version}\n");
        var shown = 0;
        foreach (var state in states)
        {
            if (shown < state.Entries)
            {
                sb.Append("\n| time | kind | entry |\n|---|---|---|\n");
                for (; shown < state.Entries; shown++)
                {
                    var entry = entries[shown];
                    sb.Append(CultureInfo.InvariantCulture, $"| {time(entry.At)} | {ExplainText.KindName(entry.Kind)} | {MarkdownText.Escape(ExplainText.EntryText(entry, time))} |\n");
                }
            }

            var block = new StringBuilder();
            ExplainText.AppendState(block, policy, state, time, sinceCreated);
            var lines = block.ToString().TrimEnd('\n').Split('\n');
            sb.Append(CultureInfo.InvariantCulture, $"\n{MarkdownText.Escape(lines[0])}\n\n");
            foreach (var line in lines.Skip(1))
            {
                // The text block lines its columns up with spaces; Markdown would fold them into one anyway.
                sb.Append(CultureInfo.InvariantCulture, $"- {MarkdownText.Escape(string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)))}\n");
            }
        }

        return sb.ToString();
    }
}
