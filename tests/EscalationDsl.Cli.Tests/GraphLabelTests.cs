using System.Text.RegularExpressions;

namespace EscalationDsl.Cli.Tests;

/// <summary>What `esc graph` says about a step: where it leads, and its values as `.esc` writes them.</summary>
public sealed partial class GraphLabelTests
{
    [Fact]
    public void AnAssignToAnEngineeringOwnerIsMarkedAsMovingOpenAndAcknowledgedToAssigned()
    {
        var dot = Graph(EngineeringPolicy, "dot");

        dot.ShouldContain("""
            "Active" -> "Active" [style="solid", label="b #0 after 10m / assign eng [to Assigned from Open or Acknowledged (engineering assigned)]"];
            """ + "\n");
        dot.ShouldNotContain("assign eng [no state change]");

        // The mark points at the lifecycle edges the assignment fires.
        dot.ShouldContain("\"Open\" -> \"Assigned\" [style=\"solid\", label=\"engineering assigned\"];");
        dot.ShouldContain("\"Acknowledged\" -> \"Assigned\" [style=\"solid\", label=\"engineering assigned\"];");
    }

    [Fact]
    public void AnAssignThatMayNameAnEngineeringOwnerSaysWhen()
    {
        var mermaid = Graph(EngineeringPolicy, "mermaid");

        mermaid.ShouldContain("\tActive --> Active : b #35;1 after 20m / assign route(product) [to Assigned from Open or Acknowledged when route(product) is an engineering owner (engineering assigned)]\n");
        mermaid.ShouldContain("\tActive --> Active : b #35;2 after 30m / assign next [to Assigned from Open or Acknowledged when next is an engineering owner (engineering assigned)]\n");
    }

    [Fact]
    public void StepsThatMoveNoStateAreStillMarkedSo()
    {
        var mermaid = Graph(EngineeringPolicy, "mermaid");

        mermaid.ShouldContain("\tActive --> Active : b #35;3 after 40m / assign ops, notify ops [no state change]\n");
    }

    [Fact]
    public void AnEscalationToAnEngineeringOwnerGoesToEscalatedAsTheRuntimeDoes()
    {
        var mermaid = Graph(EngineeringPolicy, "mermaid");

        mermaid.ShouldContain("\tActive --> Escalated : a #35;0 after 10m / escalate to eng\n");
    }

    [Fact]
    public void AnEscalationThatAlsoAssignsEngineeringSaysWhereTheAssignmentLeadsWhenRequiredFieldsBlockIt()
    {
        // The runtime runs a blocked step's other actions: the assignment moves the Open ticket to Assigned.
        var explain = BlockedTicket("sev1", "\"type\":\"field_set\",\"fields\":{\"request_id\":\"r1\"}");
        explain.ShouldContain("missing_information desk: escalation blocked until request_id is set [T-1/g/0/1/missing]");
        explain.ShouldContain("state     Open -> Assigned (engineering assigned)");
        explain.ShouldContain("state     Assigned -> Escalated (g #0)");

        var mark = "[require request_id; if not escalated: to Assigned from Open or Acknowledged (engineering assigned)]";
        Graph(BlockedPolicy, "dot").ShouldContain($"""
            "Active" -> "Escalated" [style="solid", label="g #0 after 5m / escalate to lead, assign eng {mark}"];
            """ + "\n");
        Graph(BlockedPolicy, "mermaid").ShouldContain($"\tActive --> Escalated : g #35;0 after 5m / escalate to lead, assign eng {mark.Replace(";", "#59;", StringComparison.Ordinal)}\n");
    }

    [Fact]
    public void AnEscalationThatNamesNobodyNewStillRunsItsAssignmentAndTheGraphSaysWhereItLeads()
    {
        var explain = BlockedTicket("sev2", "\"type\":\"acknowledged\"");
        explain.ShouldContain("n #0 (after 5m): next names nobody: ops holds the ticket and reports to nobody");
        explain.ShouldContain("state     Open -> Assigned (engineering assigned)");
        explain.ShouldNotContain("Escalated");

        Graph(BlockedPolicy, "mermaid").ShouldContain("\tActive --> Escalated : n #35;0 after 5m / escalate to next, assign route(product) [if not escalated: to Assigned from Open or Acknowledged when route(product) is an engineering owner (engineering assigned)]\n");
    }

    [Fact]
    public void AnEscalationThatAlsoEntersMonitorModeSaysItEndsInMonitoringBlockedOrNot()
    {
        var explain = BlockedTicket("sev4", "\"type\":\"acknowledged\"");
        explain.ShouldContain("escalation blocked until request_id is set [T-1/m/0/1/missing]");
        explain.ShouldContain("state     Open -> Monitoring (enter monitor)");
        explain.ShouldContain("state     Monitoring -> Escalated (q #0)");
        explain.ShouldContain("state     Escalated -> Monitoring (enter monitor)");

        var mermaid = Graph(BlockedPolicy, "mermaid");
        mermaid.ShouldContain("\tActive --> Escalated : m #35;0 after 5m / escalate to lead, enter monitor [require request_id#59; then to Monitoring (enter monitor)]\n");
        mermaid.ShouldContain("\tActive --> Escalated : q #35;0 after 10m / escalate to lead, enter monitor, assign eng [then to Monitoring (enter monitor)]\n");
    }

    [Fact]
    public void MonitoringIsAStateOnlyOfPoliciesThatEnterIt()
    {
        // QuotingPolicy never writes `enter monitor`: no Monitoring state, no edge that cannot happen.
        Graph(QuotingPolicy, "mermaid").ShouldNotContain("Monitoring");

        var mermaid = Graph(QuotingPolicy + "\ndeescalate when acknowledged {\n    enter monitor\n}\n", "mermaid");
        mermaid.ShouldContain("\t\tMonitoring\n");
        mermaid.ShouldContain("\tActive --> Monitoring : enter monitor\n");
    }

    [Fact]
    public void AnEscalationWhoseOtherActionsMoveNothingKeepsItsPlainLabel()
    {
        var mermaid = Graph(BlockedPolicy, "mermaid");

        mermaid.ShouldContain("\tActive --> Escalated : g #35;1 after 6m / escalate to lead, assign ops [require request_id]\n");
        mermaid.ShouldContain("\tActive --> Escalated : p #35;0 after 5m / escalate to eng, notify ops\n");
    }

    [Fact]
    public void QuotedValuesShowAsWrittenInTheTriggerAsInTheGuard()
    {
        // Mermaid shows #92; as the backslash (it drops a bare one): the labels read `"say \"hi\""`.
        var mermaid = Graph(QuotingPolicy, "mermaid");

        mermaid.ShouldContain("""
            	Active --> Escalated : e #35;0 after 5m unless product in ["mobile-app"] / escalate to next [require product when product == "say #92;"hi#92;""]
            """ + "\n");
        mermaid.ShouldContain("""
            	Active --> Escalated : e #35;1 after 10m unless product == "say #92;"hi#92;"" / escalate to next [require product when product == "say #92;"hi#92;""]
            """ + "\n");
        mermaid.ShouldNotContain("'");
    }

    [Fact]
    public void DotEscapesQuotesAndBackslashesInLabels()
    {
        var dot = Graph(QuotingPolicy, "dot");

        dot.ShouldContain("""
            label="e #1 after 10m unless product == \"say \\\"hi\\\"\" / escalate to next [require product when product == \"say \\\"hi\\\"\"]"];
            """ + "\n");
    }

    [Theory]
    [InlineData(nameof(QuotingPolicy))]
    [InlineData(nameof(EngineeringPolicy))]
    [InlineData(nameof(BlockedPolicy))]
    [InlineData(nameof(DeescalationPolicy))]
    public void EveryDotLabelIsOneQuotedStringThatReadsBackAsTheMermaidLabel(string policy)
    {
        var text = policy switch
        {
            nameof(QuotingPolicy) => QuotingPolicy,
            nameof(BlockedPolicy) => BlockedPolicy,
            nameof(DeescalationPolicy) => DeescalationPolicy,
            _ => EngineeringPolicy,
        };
        var dot = Graph(text, "dot");
        var mermaid = Graph(text, "mermaid");

        var dotLabels = dot.Split('\n').Where(l => l.StartsWith('"') && l.Contains(" -> ", StringComparison.Ordinal)).Select(l =>
        {
            var m = DotEdge().Match(l);
            m.Success.ShouldBeTrue($"not one well-formed DOT edge: {l}");
            return DotUnescape().Replace(m.Groups[1].Value, e => e.Value[1..]);
        }).Order(StringComparer.Ordinal).ToList();
        var mermaidLabels = mermaid.Split('\n').Where(l => l.Contains(" --> ", StringComparison.Ordinal) && l.Contains(" : ", StringComparison.Ordinal))
            .Select(l => MermaidUnescape(l[(l.IndexOf(" : ", StringComparison.Ordinal) + 3)..])).Order(StringComparer.Ordinal).ToList();

        dotLabels.ShouldBe(mermaidLabels);
    }

    [Fact]
    public void MermaidLabelsWriteMarkupCharactersAsEntityCodes()
    {
        // Mermaid ended the label at `;` (the joined guards of two require lines became stray states),
        // took `<b>x</b>` as HTML, `#quot;` as an entity and dropped backslashes.
        var mermaid = Graph(MarkupPolicy, "mermaid");

        mermaid.ShouldContain("""
            	Active --> Active : m #35;0 after 5m unless product == "a#59;b" / notify lead [no state change]
            """ + "\n");
        mermaid.ShouldContain("""unless product == "#lt;b#gt;x#lt;/b#gt;" """);
        mermaid.ShouldContain("""unless product == "#35;quot#59;" """);
        mermaid.ShouldContain("""unless product == "a#92;#92;b" """);
        mermaid.ShouldContain("[require product when severity != sev2#59; require region when product == \"a#59;b\"]\n");

        // Each transition stays one statement: as many as DOT has edges, and none split at a `;`.
        var statements = mermaid.Split('\n').Where(l => l.StartsWith('\t') && l.Contains(" --> ", StringComparison.Ordinal)).ToList();
        statements.Count.ShouldBe(Graph(MarkupPolicy, "dot").Split('\n').Count(l => l.StartsWith('"') && l.Contains(" -> ", StringComparison.Ordinal)));
        mermaid.Split('\n').Where(l => l.Contains(';', StringComparison.Ordinal)).ShouldAllBe(l => MermaidEntity().Replace(l, "").IndexOf(';') < 0);
    }

    /// <summary>A Mermaid label as it shows: its entity codes as the characters they stand for.</summary>
    private static string MermaidUnescape(string label) => MermaidEntity().Replace(label, m => m.Value switch
    {
        "#35;" => "#",
        "#59;" => ";",
        "#lt;" => "<",
        "#gt;" => ">",
        _ => "\\",
    });

    [GeneratedRegex("#(?:35|59|lt|gt|92);")]
    private static partial Regex MermaidEntity();

    private static string Graph(string policy, string format)
    {
        using var folder = new LintTempFolder();
        folder.Write("p.esc", policy);
        var result = Esc.RunIn(folder.Path, string.Empty, "graph", "p.esc", "--format", format);
        result.ExitCode.ShouldBe(0, result.Error);
        return result.Out;
    }

    /// <summary>`esc explain` of <see cref="BlockedPolicy"/> on a ticket of the severity, created 20 minutes before the event of these fields.</summary>
    private static string BlockedTicket(string severity, string later) => Explain(BlockedPolicy, $$"""
        {"id":"e1","ticket":"T-1","at":"2026-11-02T14:00:00Z","type":"created","severity":"{{severity}}"}
        {"id":"e2","ticket":"T-1","at":"2026-11-02T14:20:00Z",{{later}}}
        """ + "\n");

    private static string Explain(string policy, string events)
    {
        using var folder = new LintTempFolder();
        folder.Write("p.esc", policy);
        folder.Write("events.jsonl", events);
        var result = Esc.RunIn(folder.Path, string.Empty, "explain", "p.esc", "--events", "events.jsonl");
        result.ExitCode.ShouldBe(0, result.Error);
        return result.Out;
    }

    /// <summary>An edge whose label is one DOT quoted string: no `"` inside but escaped ones.</summary>
    [GeneratedRegex("""^"[A-Za-z]+" -> "[A-Za-z]+" \[style="solid", label="((?:[^"\\]|\\.)*)"\];$""")]
    private static partial Regex DotEdge();

    [GeneratedRegex("""\\.""")]
    private static partial Regex DotUnescape();

    private const string EngineeringPolicy = """
        policy "eng" version 1
        owners {
            team desk "Desk" reports to eng
            team eng "Eng" engineering
            team ops "Ops"
        }
        fields { product enum [app, web] }
        route product {
            app -> eng
            default -> ops
        }
        severity sev1 { acknowledge within 15m }
        escalation a for sev1 {
            owner desk
            after 10m: escalate to eng
        }
        escalation b for sev1 {
            owner desk
            after 10m: assign eng
            after 20m: assign route(product)
            after 30m: assign next
            after 40m: assign ops, notify ops
        }
        """;

    /// <summary>Escalations with further actions, under a required-field guard (g, m) or naming nobody (n), and free of both (p, q).</summary>
    private const string BlockedPolicy = """
        policy "blocked" version 1
        owners {
            team desk "Desk" reports to lead
            role lead "Lead"
            team eng "Eng" engineering
            team ops "Ops"
        }
        fields {
            request_id text
            product enum [app, web]
        }
        route product {
            app -> ops
            default -> eng
        }
        severity sev1 { acknowledge within 15m }
        severity sev2 { acknowledge within 1h }
        severity sev3 { acknowledge within 4h }
        escalation g for sev1 {
            owner desk
            require request_id before escalate
            after 5m: escalate to lead, assign eng
            after 6m: escalate to lead, assign ops
        }
        escalation n for sev2 {
            owner ops
            after 5m: escalate to next, assign route(product)
        }
        escalation p for sev3 {
            owner desk
            after 5m: escalate to eng, notify ops
        }
        severity sev4 { acknowledge within 8h }
        escalation m for sev4 {
            owner desk
            require request_id before escalate
            after 5m: escalate to lead, enter monitor
        }
        escalation q for sev4 {
            owner desk
            after 10m: escalate to lead, enter monitor, assign eng
        }
        """;

    private const string QuotingPolicy = """
        policy "q" version 1
        owners {
            team desk "D" reports to lead
            role lead "L"
        }
        fields { product enum ["mobile-app", "say \"hi\""] }
        severity sev1 { acknowledge within 15m }
        require product before escalate when product == "say \"hi\""
        escalation e for sev1 {
            owner desk
            after 5m unless product in ["mobile-app"]: escalate to next
            after 10m unless product == "say \"hi\"": escalate to next
        }
        """;

    private const string MarkupPolicy = """
        policy "markup" version 1
        owners {
            team desk "D" reports to lead
            role lead "L"
        }
        fields {
            product text
            region text
        }
        severity sev1 { acknowledge within 15m }
        severity sev2 { acknowledge within 1h }
        require product before escalate when severity != sev2
        require region before escalate when product == "a;b"
        escalation m for sev1 {
            owner desk
            after 5m unless product == "a;b": notify lead
            after 6m unless product == "<b>x</b>": notify lead
            after 7m unless product == "#quot;": notify lead
            after 8m unless product == "a\\b": notify lead
            after 9m: escalate to next
        }
        """;
}
