using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Tracing;
using EscalationDsl.Simulation;
using NodaTime;
using NodaTime.Text;

namespace EscalationDsl.Cli.Commands;

/// <summary>Reading the options of <c>esc explain</c> that shape its output.</summary>
internal static class ExplainOptions
{
    /// <summary>The kinds of timeline entry the runtime's trace records, as the timeline names them, in the enum's order.</summary>
    public static readonly IReadOnlyList<string> KindNames = [.. Enum.GetValues<TraceKind>().Select(ExplainText.KindName)];

    private static readonly Dictionary<string, TraceKind> Kinds = Enum.GetValues<TraceKind>().ToDictionary(ExplainText.KindName, StringComparer.Ordinal);

    /// <summary>
    /// <c>--only event,decision,state</c>: the kinds of entry to show, or null for every kind. A name that
    /// is not a kind is a usage error that lists the kinds, with the closest one when there is one.
    /// </summary>
    public static IReadOnlySet<TraceKind>? ParseKinds(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var kinds = new HashSet<TraceKind>();
        foreach (var part in text.Split(','))
        {
            var name = part.Trim();
            if (!Kinds.TryGetValue(name, out var kind))
            {
                var near = NameSuggester.Closest(name, KindNames);
                throw new UsageException(name.Length == 0
                    ? $"--only: '{text}' has an empty kind; give kinds separated by commas: {string.Join(", ", KindNames)}"
                    : $"--only: '{name}' is not a kind of timeline entry; the kinds are {string.Join(", ", KindNames)}{(near.Count == 0 ? "" : $"; did you mean {string.Join(" or ", near)}?")}");
            }

            kinds.Add(kind);
        }

        return kinds;
    }

    /// <summary>
    /// <c>--zone ZONE</c>: the zone the text output shows times in, or null for UTC. <c>policy</c> is the
    /// zone of the policy's default calendar (language.md); any other name is an IANA zone, looked up
    /// as the policy's calendars are, so a zone a calendar may name is a zone this option takes.
    /// </summary>
    public static DateTimeZone? ParseZone(string? text, CompiledPolicy policy)
    {
        if (text is null)
        {
            return null;
        }

        if (text == PolicyZone)
        {
            return PolicyFacts.DefaultCalendar(policy.Model)?.Zone
                ?? throw new UsageException($"--zone: policy {policy.Name} has no default calendar, so '{PolicyZone}' names no zone; name an IANA zone such as Europe/Berlin");
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(text) is { } zone)
        {
            return zone;
        }

        // As a calendar's zone is checked (ESC2009): an abbreviation gets the regions it means, a slip the ids close to it.
        var hint = TimeZoneNames.RegionFor(text) is { } region
            ? $"; {region}"
            : TimeZoneNames.Closest(text) is { Count: > 0 } near ? $"; did you mean {string.Join(" or ", near)}?" : "";
        throw new UsageException($"--zone: '{text}' is not an IANA time zone; name one such as Europe/Berlin or America/New_York, or {PolicyZone} for the zone of the policy's default calendar{hint}");
    }

    /// <summary>How the text output writes a time: UTC as events are written, or in <paramref name="zone"/> with its offset.</summary>
    public static Func<Instant, string> TimeFormat(DateTimeZone? zone) =>
        zone is null ? TicketEventJson.FormatTime : at => (at.ToUnixTimeMilliseconds() % 1000 == 0 ? Whole : WithMilliseconds).Format(at.InZone(zone).ToOffsetDateTime());

    /// <summary>The word <c>--zone</c> takes for the policy's default calendar's zone.</summary>
    private const string PolicyZone = "policy";

    // ISO 8601 with the offset of the zone at that instant, to the second (and millisecond when there is
    // one, as TicketEventJson.FormatTime writes UTC), so a time can be given back to --at or an event file.
    private static readonly OffsetDateTimePattern Whole = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");
    private static readonly OffsetDateTimePattern WithMilliseconds = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'.'fffo<+HH:mm>");

    /// <summary>
    /// <c>--at</c>: an ISO 8601 time with an offset, or <c>+DURATION</c> (<c>+2h</c>, <c>+1d</c>, <c>+1h30m</c>)
    /// counted from the ticket's <c>created</c> event, whose time is not known until the events are read.
    /// </summary>
    public static (Instant? At, Duration? AfterCreated) ParseAt(string? text)
    {
        if (text is null)
        {
            return (null, null);
        }

        if (text.StartsWith('+'))
        {
            return (null, CommonOptions.ParseDuration("--at", text[1..], "+", zeroAllowed: true));
        }

        // A duration without its sign was most likely meant as one.
        var at = TicketEventJson.ParseTime(text) ?? throw new UsageException(
            $"--at: '{text}' is not an ISO 8601 time with an offset, such as 2026-11-26T15:00:00Z{(CompactDuration.TryParse(text, out _, out _) is null ? $"; for a time after the ticket was created, write +{text}" : "")}");
        return (CheckHandled(text, at), null);
    }

    /// <summary>The most states <c>--step</c> shows: more is a usage error, not pages of output.</summary>
    public const int MaxStates = 200;

    /// <summary><c>--step DURATION</c>: the interval between the states shown, or null without the option.</summary>
    public static Duration? ParseStep(string? text) => text switch
    {
        null => null,
        // Written as --at's relative times are: the step itself has no sign. The unsigned form is suggested
        // only when --step takes it (not for +0m, which is no time at all).
        ['+' or '-', .. var rest] when CompactDuration.TryParse(rest, out var minutes, out _) is null => throw new UsageException(minutes > 0
            ? $"--step: '{text}' is the time between two states, with no sign; write {rest}"
            : $"--step: '{text}' is no time at all; give a duration such as 30m or 1h"),
        _ => CommonOptions.ParseDuration("--step", text),
    };

    /// <summary>
    /// The times <c>--step</c> shows the state at: the ticket's creation and every <paramref name="step"/>
    /// after it, up to <paramref name="end"/> (the end's own state is shown after them). Refused when that
    /// makes more than <see cref="MaxStates"/> states, with the shortest step that does not.
    /// </summary>
    public static List<Instant> StepTimes(Instant created, Instant end, Duration step, string text)
    {
        var count = States(end - created, step);
        if (count > MaxStates)
        {
            var shortest = Duration.FromMinutes(Math.Max(1, (long)Math.Ceiling((end - created).TotalMinutes / MaxStates)));
            while (States(end - created, shortest) > MaxStates)
            {
                shortest += Duration.FromMinutes(1);
            }

            throw new UsageException($"--step: every {text} from the ticket's creation ({TicketEventJson.FormatTime(created)}) to {TicketEventJson.FormatTime(end)} makes {count} states, more than the {MaxStates} esc explain shows; give a step of at least {ModelFormatter.FormatWallClock(shortest)}, or an earlier --at");
        }

        var times = new List<Instant>();
        for (var at = created; at <= end; at += step)
        {
            times.Add(at);
        }

        return times;
    }

    /// <summary>How many states a span shows at this step: one at each step from the start, and one at the end if it is between steps.</summary>
    private static long States(Duration span, Duration step)
    {
        var steps = span.BclCompatibleTicks / step.BclCompatibleTicks;
        return steps + 1 + (span.BclCompatibleTicks % step.BclCompatibleTicks == 0 ? 0 : 1);
    }

    /// <summary>An <c>--at</c> time, refused when it is outside the times esc handles.</summary>
    public static Instant CheckHandled(string text, Instant at) =>
        EventTimes.Contains(at) ? at : throw new UsageException($"--at: '{text}' is outside the times esc handles, {EventTimes.Text}");
}
