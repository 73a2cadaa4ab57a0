using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Tracing;
using EscalationDsl.Tests;
using NodaTime;
using NodaTime.Text;

namespace EscalationDsl.Runtime.Tests;

/// <summary>
/// Drives one ticket through a real compiled policy with readable times ("+15m" from the start)
/// and collects every decision. Only the clock is scripted; parser, binder and runtime are real.
/// </summary>
internal sealed class TicketScript
{
    private readonly TicketRuntime runtime;
    private Ticket? ticket;

    public TicketScript(CompiledPolicy policy, string start = "2026-11-02T14:00:00Z", string id = "T1")
    {
        Policy = policy;
        runtime = new TicketRuntime(policy);
        Start = InstantPattern.ExtendedIso.Parse(start).Value;
        Id = id;
    }

    public CompiledPolicy Policy { get; }

    public Instant Start { get; }

    public string Id { get; }

    public List<Decision> Decisions { get; } = [];

    public ExplainTrace Trace { get; } = new();

    public Ticket Ticket => ticket ?? throw new InvalidOperationException("no created event yet");

    public TicketSnapshot Snapshot => runtime.Describe(Ticket);

    public static CompiledPolicy Compile(string source)
    {
        var model = SemanticModel.Create("test.esc", source);
        model.Diagnostics.ShouldBeEmpty(string.Join("\n", model.Diagnostics.Select(d => d.Code + " " + d.Message)));
        return CompiledPolicy.Compile(model);
    }

    public static CompiledPolicy Shipped(string name) =>
        Compile(File.ReadAllText(Path.Combine(RepoPaths.Policies, name + ".esc")));

    /// <summary>"+15m", "+1h30m", "+2d" relative to the start, or an absolute ISO instant.</summary>
    public Instant At(string when) =>
        when.StartsWith('+') ? Start + ParseOffset(when[1..]) : InstantPattern.ExtendedIso.Parse(when).Value;

    public TicketScript Event(string when, TicketEventKind kind, Func<TicketEvent, TicketEvent>? with = null)
    {
        var e = new TicketEvent { TicketId = Id, At = At(when), Kind = kind };
        if (with is not null)
        {
            e = with(e);
        }

        Policy.Validate(e).ShouldBeNull();
        if (kind == TicketEventKind.Created)
        {
            ticket = runtime.Open(e, Decisions, Trace);
        }
        else
        {
            runtime.Apply(Ticket, e, Decisions, Trace);
        }

        return this;
    }

    public TicketScript Created(string when, string severity, string? issueType = null, params (string Name, string Value)[] fields) =>
        Event(when, TicketEventKind.Created, e => e with
        {
            Severity = severity,
            IssueType = issueType,
            Fields = fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).ToList(),
        });

    public TicketScript Set(string when, params (string Name, string Value)[] fields) =>
        Event(when, TicketEventKind.FieldSet, e => e with { Fields = fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).ToList() });

    public TicketScript AdvanceTo(string when)
    {
        runtime.AdvanceTo(Ticket, At(when), Decisions, Trace);
        return this;
    }

    /// <summary>
    /// Runs a compact event script, one event per line (or separated by <c>;</c>):
    /// <c>+0m created sev1 issue_type=database impact=production</c>, <c>+10m acknowledged</c>,
    /// <c>+20m assigned oncall engineering</c>, <c>+30m severity_changed sev2</c>, <c>+40m flagged confirmed</c>,
    /// <c>+50m mitigation contained</c>, <c>+1h status awaiting_customer</c>, <c>+2h field_set root_cause=x</c>,
    /// <c>+3h advance</c> (AdvanceTo). Any event may carry <c>name=value</c> fields.
    /// </summary>
    public TicketScript Run(string script)
    {
        foreach (var raw in script.Split(['\n', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var words = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var when = words[0];
            var verb = words[1];
            var args = words.Skip(2).Where(w => !w.Contains('=', StringComparison.Ordinal)).ToList();
            var fields = words.Skip(2).Where(w => w.Contains('=', StringComparison.Ordinal))
                .Select(w => KeyValuePair.Create(w[..w.IndexOf('=', StringComparison.Ordinal)], w[(w.IndexOf('=', StringComparison.Ordinal) + 1)..]))
                .ToList();
            if (verb == "advance")
            {
                AdvanceTo(when);
                continue;
            }

            TicketEventKinds.TryParse(verb, out var kind).ShouldBeTrue($"unknown event '{verb}' in script line '{raw}'");
            string? Arg(int i) => args.Count > i ? args[i] : null;
            string? Field(string name) => fields.FirstOrDefault(f => f.Key == name).Value;
            Event(when, kind, e => kind switch
            {
                TicketEventKind.Created => e with
                {
                    Severity = Arg(0),
                    IssueType = Field("issue_type"),
                    Owner = Field("owner"),
                    Fields = fields.Where(f => f.Key is not ("issue_type" or "owner")).ToList(),
                },
                TicketEventKind.Assigned => e with { Owner = Arg(0), Engineering = Arg(1) == "engineering", Fields = fields },
                TicketEventKind.SeverityChanged => e with { Severity = Arg(0), Fields = fields },
                TicketEventKind.Flagged => e with { Flag = Arg(0), Fields = fields },
                TicketEventKind.Mitigation => e with { Mitigation = Arg(0), Fields = fields },
                TicketEventKind.Status => e with { Status = Arg(0), Fields = fields },
                _ => e with { Fields = fields.Count == 0 ? null : fields },
            });
        }

        return this;
    }

    /// <summary>The snapshot as one line: <c>escalated owner=network level=2</c>, plus monitoring, paging_stopped, paused when set.</summary>
    public string SnapshotLine()
    {
        var s = Snapshot;
        var modes = (s.Monitoring ? " monitoring" : "") + (s.PagingStopped ? " paging_stopped" : "") + (s.Paused ? " paused" : "");
        return $"{s.State} owner={s.Owner ?? "-"} level={s.Level}{modes}";
    }

    /// <summary>The snapshot's clocks as lines: <c>sla acknowledge met</c>, <c>sla mitigate pending +4h</c>.</summary>
    public IReadOnlyList<string> ClockLines() =>
        Snapshot.Clocks.Select(c => $"{c.Name} {c.Status}{(c.Due is { } due ? " " + Offset(due) : "")}").ToList();

    /// <summary>Decisions as "+offset kind owner" lines, the compact form the tables compare.</summary>
    public IReadOnlyList<string> Lines() =>
        Decisions.Select(d => $"{Offset(d.At)} {DecisionKinds.Name(d.Kind)}{(d.Owner is null ? "" : " " + d.Owner)}{(d.Component is { } c ? " " + ModelFormatter.Format(c) : "")}").ToList();

    public string Offset(Instant at)
    {
        var minutes = (long)(at - Start).TotalMinutes;
        return "+" + ModelFormatter.FormatWallClock(Duration.FromMinutes(minutes));
    }

    private static Duration ParseOffset(string text)
    {
        var total = Duration.Zero;
        var number = 0L;
        foreach (var ch in text)
        {
            if (char.IsAsciiDigit(ch))
            {
                number = number * 10 + (ch - '0');
                continue;
            }

            total += ch switch
            {
                's' => Duration.FromSeconds(number),
                'm' => Duration.FromMinutes(number),
                'h' => Duration.FromHours(number),
                'd' => Duration.FromDays(number),
                _ => throw new ArgumentException($"bad offset {text}"),
            };
            number = 0;
        }

        return total;
    }
}
