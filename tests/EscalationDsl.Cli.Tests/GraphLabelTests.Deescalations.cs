using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>What `esc graph` draws for a `deescalate when` block: its condition, its actions and where they leave the ticket.</summary>
public sealed partial class GraphLabelTests
{
    [Fact]
    public void TheSupportPolicysDeescalationIsDrawnWithItsConditionAndEveryAction()
    {
        // It was drawn only as the bare lifecycle edge `enter monitor`: no condition, no `stop paging`.
        var dot = Esc.Run("graph", "policies/support.esc");
        var mermaid = Esc.Run("graph", "policies/support.esc", "--format", "mermaid");

        dot.Out.ShouldContain("""
            "Active" -> "Active" [style="solid", label="deescalate when mitigation_status == contained / stop paging, enter monitor [to Monitoring (enter monitor)]"];
            """ + "\n");
        mermaid.Out.ShouldContain("\tActive --> Active : deescalate when mitigation_status == contained / stop paging, enter monitor [to Monitoring (enter monitor)]\n");

        // The condition and the actions read as the matrix prints them.
        Esc.Run("matrix", "policies/support.esc").Out.ShouldContain("| deescalation | policy | deescalate when mitigation_status == contained | stop paging, enter monitor |\n");
    }

    [Fact]
    public void ADeescalationIsMarkedWithWhereItLeavesTheTicketWithEnterOrWithout()
    {
        // A new `deescalate when workaround and severity == sev2 { assign frontline }` changed nothing in the graph.
        var dot = Graph(DeescalationPolicy, "dot");
        var mermaid = Graph(DeescalationPolicy, "mermaid");

        dot.ShouldContain("""
            "Active" -> "Active" [style="solid", label="deescalate when workaround and severity == sev2 / assign frontline [no state change]"];
            """ + "\n");
        dot.ShouldContain("""
            "Active" -> "Active" [style="solid", label="deescalate when mitigation_status == contained / stop paging, enter monitor [to Monitoring (enter monitor)]"];
            """ + "\n");
        mermaid.ShouldContain("\tActive --> Active : deescalate when workaround and severity == sev2 / assign frontline [no state change]\n");
        mermaid.ShouldContain("\tActive --> Active : deescalate when mitigation_status == contained / stop paging, enter monitor [to Monitoring (enter monitor)]\n");
    }

    [Fact]
    public void ADeescalationIsNamedAsTheExplainTraceNamesItAndLeadsWhereTheRuntimeTakesTheTicket()
    {
        var explain = Explain(DeescalationPolicy, """
            {"id":"e1","ticket":"T-1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev2"}
            {"id":"e2","ticket":"T-1","at":"2026-11-02T14:05:00Z","type":"field_set","fields":{"product":"a;b"}}
            {"id":"e3","ticket":"T-1","at":"2026-11-02T14:06:00Z","type":"field_set","fields":{"workaround":"restart"}}
            {"id":"e4","ticket":"T-1","at":"2026-11-02T14:07:00Z","type":"mitigation","status":"contained"}
            """ + "\n");
        explain.ShouldContain("fired     deescalate when product == \"a;b\" (occurrence 1)\n");
        explain.ShouldContain("state     Open -> Assigned (engineering assigned)\n");
        explain.ShouldContain("fired     deescalate when workaround and severity == sev2 (occurrence 1)\n");
        explain.ShouldContain("fired     deescalate when mitigation_status == contained (occurrence 1)\n");
        explain.ShouldContain("state     Mitigated -> Monitoring (enter monitor)\n");

        // Outside a step `escalate to` does not make the ticket Escalated (ESL027); its engineering owner
        // fires `engineering assigned`, as an assignment does.
        const string mark = "[to Assigned from Open or Acknowledged (engineering assigned)]";
        Graph(DeescalationPolicy, "dot").ShouldContain($"""
            "Active" -> "Active" [style="solid", label="deescalate when product == \"a;b\" / escalate to eng {mark}"];
            """ + "\n");
        Graph(DeescalationPolicy, "mermaid").ShouldContain($"\tActive --> Active : deescalate when product == \"a#59;b\" / escalate to eng {mark}\n");
    }

    [Fact]
    public void GraphvizLaysOutAGraphWithTwoDeescalationsThatEnterMonitorModeWithoutWarnings()
    {
        // Drawn as edges from Active to Monitoring beside the lifecycle edge `enter monitor`, these made
        // Graphviz 2.43 lose the `reopened` edge from Closed ("Error: lost Closed Open edge").
        var policy = File.ReadAllText(RepoPaths.Combine("policies", "support.esc"))
            + "\ndeescalate when workaround and severity == sev2 {\n    assign frontline\n    enter monitor\n}\n";

        Graphviz.ShouldRenderCleanly(Graph(policy, "dot"));
    }

    [Fact]
    public void GraphvizLaysOutAGraphWithSeveralStepsThatEnterMonitorMode()
    {
        // A crash hunt's random policy, reduced: with record-shaped states Graphviz 2.43 lost the `reopened`
        // edge from Closed ("Error: lost Closed Open edge", no picture). States are rounded boxes now.
        var dot = Graph("""
            policy "fz" version 1
            calendar biz "America/New_York" default {
                hours mon..fri 09:00-17:00
            }
            calendar eu "Europe/Berlin" {
                hours mon..fri 08:00-18:00
            }
            owners {
                team a "A" reports to b
                team b "B" reports to c
                role c "C"
                group d "D" engineering reports to c
                team e "E" engineering
            }
            fields {
                root_cause text
                customer enum [acme, globex]
            }
            route customer {
            }
            severity sev1 {
            }
            severity sev2 {
            }
            escalation r0 for sev1 when engineering_assigned {
                on severity_raised when acknowledged: escalate to b, escalate to d, notify e
                after 1 business hours unless not during biz: assign next, escalate to next, escalate to c, remind next
                every 1h: enter monitor, stop paging, assign a, notify a
            }
            escalation r1 for sev2 when owner != b or engineering_assigned {
                after 10m: enter monitor, page next, escalate to b
                after 20m unless customer == acme: enter monitor, enter monitor
                every 1h up to 1 times: enter monitor
            }
            escalation r2 for sev2 {
                every 10m while mitigation_planned up to 3 times: require root_cause, remind owner, escalate to c, remind owner
                on engineering_assigned: escalate to next, remind next, assign c, escalate to b
            }
            deescalate when customer == acme {
            }
            """, "dot");

        dot.ShouldContain("node [shape=box, style=rounded]\n");
        Graphviz.ShouldRenderCleanly(dot);
    }

    [Fact]
    public void TheGraphOfOneRuleLeavesTheDeescalationsOut()
    {
        // A deescalation belongs to no rule; the lifecycle it may lead into stays.
        using var folder = new LintTempFolder();
        folder.Write("p.esc", DeescalationPolicy);
        var result = Esc.RunIn(folder.Path, string.Empty, "graph", "p.esc", "--rule", "main");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("main #0 after 15m unless acknowledged / escalate to lead");
        result.Out.ShouldContain("\"Active\" -> \"Monitoring\" [style=\"solid\", label=\"enter monitor\"];\n");
        result.Out.ShouldNotContain("deescalate");
    }

    /// <summary>Two deescalations as the trial wrote them, one that enters monitor mode and one without, and one that escalates to engineering.</summary>
    private const string DeescalationPolicy = """
        policy "calm" version 1
        owners {
            team frontline "Front line" reports to lead
            role lead "Lead"
            team eng "Eng" engineering
        }
        fields {
            workaround text
            product text
        }
        severity sev1 { acknowledge within 15m }
        severity sev2 { acknowledge within 1h }
        escalation main for any {
            owner frontline
            after 15m unless acknowledged: escalate to lead
        }
        deescalate when workaround and severity == sev2 {
            assign frontline
        }
        deescalate when mitigation_status == contained {
            stop paging
            enter monitor
        }
        deescalate when product == "a;b" {
            escalate to eng
        }
        """;
}
