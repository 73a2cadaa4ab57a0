using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>Golden graphs and quick references for every shipped policy (tests/Baselines/Policies/NAME/).</summary>
public sealed class GraphAndMatrixTests
{
    public static TheoryData<string> ShippedPolicies() =>
        new(Directory.GetFiles(RepoPaths.Policies, "*.esc").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(ShippedPolicies))]
    public void GraphsMatchTheirGoldenFiles(string name)
    {
        var dot = Esc.Run("graph", $"policies/{name}.esc");
        var mermaid = Esc.Run("graph", $"policies/{name}.esc", "--format", "mermaid");

        dot.ExitCode.ShouldBe(0, dot.Error);
        mermaid.ExitCode.ShouldBe(0, mermaid.Error);
        dot.Out.ShouldStartWith("digraph {");
        mermaid.Out.ShouldStartWith("stateDiagram-v2");
        Golden.Match(Path.Combine(RepoPaths.Baselines, "Policies", name, "graph.dot"), dot.Out);
        Golden.Match(Path.Combine(RepoPaths.Baselines, "Policies", name, "graph.mmd"), mermaid.Out);
    }

    [Theory]
    [MemberData(nameof(ShippedPolicies))]
    public void GraphvizLaysOutEveryShippedGraphWithoutWarnings(string name)
    {
        Graphviz.ShouldRenderCleanly(Esc.Run("graph", $"policies/{name}.esc").Out);
    }

    [Theory]
    [MemberData(nameof(ShippedPolicies))]
    public void MatrixMatchesItsGoldenFiles(string name)
    {
        var markdown = Esc.Run("matrix", $"policies/{name}.esc");
        var json = Esc.Run("matrix", $"policies/{name}.esc", "--format", "json");

        markdown.ExitCode.ShouldBe(0, markdown.Error);
        json.ExitCode.ShouldBe(0, json.Error);
        Golden.Match(Path.Combine(RepoPaths.Baselines, "Policies", name, "matrix.md"), markdown.Out);
        Golden.Match(Path.Combine(RepoPaths.Baselines, "Policies", name, "matrix.json"), json.Out);
    }

    [Theory]
    [InlineData("graph")]
    [InlineData("matrix")]
    [InlineData("explain", "--events", "policies/events/sev1-network-outage.jsonl")]
    public void APolicyCanComeFromStandardInputAsForCheckAndLint(string command, params string[] rest)
    {
        // `-` was taken for a file name: "no such policy file".
        var policy = File.ReadAllText(RepoPaths.Combine("policies", "support.esc"));

        var piped = Esc.RunWithInput(policy, [command, "-", .. rest]);
        var named = Esc.Run([command, "policies/support.esc", .. rest]);

        piped.ExitCode.ShouldBe(0, piped.Error);
        piped.Out.ShouldBe(named.Out);
    }

    [Fact]
    public void AnOutputIsNotComparedWithAPolicyReadFromStandardInput()
    {
        // `--output -` was refused as "the policy file" because the policy was given as `-`.
        using var folder = new LintTempFolder();
        var result = Esc.RunIn(folder.Path, File.ReadAllText(RepoPaths.Combine("policies", "support.esc")), "graph", "-", "--output", "-");

        result.ExitCode.ShouldBe(0, result.Error);
        File.ReadAllText(System.IO.Path.Combine(folder.Path, "-")).ShouldStartWith("digraph {");
    }

    [Theory]
    [InlineData("sim", "--tickets")]
    [InlineData("explain", "--events")]
    public void EventsFromStandardInputAreRefusedWhenThePolicyIsReadFromThere(string command, string option)
    {
        // Through a pipe sim read nothing and reported no tickets; explain read the policy's text as events.
        var result = Esc.RunWithInput(File.ReadAllText(RepoPaths.Combine("policies", "support.esc")), command, "-", option, "/dev/stdin");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe($"esc: {option}: /dev/stdin is standard input, which holds the policy (POLICY is -); name the file itself\n");
    }

    [Fact]
    public void APolicyWithErrorsFromStandardInputSaysHowToCheckIt()
    {
        var result = Esc.RunWithInput("policy \"x\" version 1\nseverity s { acknowledge within 15x }\n", "graph", "-");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldEndWith("esc: <stdin> has errors; fix them first (esc check -)\n");
    }

    [Fact]
    public void GraphOfOneRuleShowsOnlyThatRulesSteps()
    {
        var result = Esc.Run("graph", "policies/support.esc", "--rule", "sev2_degraded");

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldContain("sev2_degraded #1 after 4h unless workaround / escalate to route(issue_type)");
        result.Out.ShouldNotContain("sev1_production");
    }

    [Theory]
    [InlineData("sev9", "")]
    [InlineData("sev1_prodution", "; did you mean sev1_production?")]
    [InlineData("Security", "; names are case-sensitive: did you mean security?")]
    public void GraphOfAnUnknownRuleIsAUsageErrorListingTheRulesAndTheNearOne(string rule, string hint)
    {
        var result = Esc.Run("graph", "policies/support.esc", "--rule", rule);

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldBe($"esc: --rule: policy 'support' has no rule '{rule}' (rules: sev1_production, sev2_degraded, sev3_workaround, security){hint}\n");
    }

    [Fact]
    public void MatrixShowsTheRoutedSpecialistPerIssueType()
    {
        var result = Esc.Run("matrix", "policies/support.esc");

        result.Out.ShouldContain("| network_outage | sev1 | sev1_production #3 (when impact == production) | commander | network | after 1h unless root_cause |");
        result.Out.ShouldContain("| database | sev1 | sev1_production #3 (when impact == production) | commander | database | after 1h unless root_cause |");
        result.Out.ShouldContain("| sev1 | Critical / Production down | 15m | 30m | 30m | 4h with next_update | - | every 1h until contained |");
    }

    [Fact]
    public void AStringWithALineBreakStaysOnTheLineOfItsTransition()
    {
        using var folder = new LintTempFolder();
        folder.Write("p.esc", Escaping);

        var dot = Esc.RunIn(folder.Path, string.Empty, "graph", "p.esc");
        var mermaid = Esc.RunIn(folder.Path, string.Empty, "graph", "p.esc", "--format", "mermaid");

        dot.ExitCode.ShouldBe(0, dot.Error);
        dot.Out.ShouldContain("""
            "Active" -> "Escalated" [style="solid", label="r1 #0 after 15m unless workaround == \"one\\nsay \\\"hi\\\" | <b>\" / escalate to back"];
            """ + "\n");
        mermaid.ExitCode.ShouldBe(0, mermaid.Error);
        mermaid.Out.ShouldContain("""
            	Active --> Escalated : r1 #35;0 after 15m unless workaround == "one#92;nsay #92;"hi#92;" | #lt;b#gt;" / escalate to back
            """ + "\n");
    }

    [Fact]
    public void MatrixShowsMarkupAndLineBreaksInNamesAsWritten()
    {
        using var folder = new LintTempFolder();
        folder.Write("p.esc", Escaping);

        var result = Esc.RunIn(folder.Path, string.Empty, "matrix", "p.esc");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldStartWith("# R&D &lt;lab> (version 1): escalation quick reference\n");
        result.Out.ShouldContain("\n| s1 | Critical \\| down<br>&lt;script>x&lt;/script> | 15m |");
        result.Out.ShouldContain("\n| any | s1 | r1 #0 | front | back | after 15m unless workaround == \"one\\\\nsay \\\\\"hi\\\\\" \\| &lt;b>\" | - |\n");

        // The ownership chart is Mermaid, which reads its labels as markup: the label's own quotes,
        // backslashes and angle brackets are entity codes (a quote became an apostrophe, <b> bold text).
        result.Out.ShouldContain("    front -->|\"r1: after 15m unless workaround == #quot;one#92;nsay #92;#quot;hi#92;#quot; | #lt;b#gt;#quot;\"| back\n");
    }

    [Fact]
    public void MatrixShowsAnImmediateAssignmentOfTheRulesOwnOwnerAsTheHandOverItIs()
    {
        // A rule that starts on a ticket somebody holds (here when a flag is raised) takes it over with
        // `immediately: assign` of its own owner (language.md); the matrix showed no hand-over for it.
        using var folder = new LintTempFolder();
        folder.Write("p.esc", """
            policy "p" version 1
            owners {
                team desk "Desk"
                team sec "Security"
            }
            fields { security_flagged flag }
            severity s1 { acknowledge within 15m }
            escalation main for s1 {
                owner desk
                after 15m unless acknowledged: notify desk
            }
            escalation security for s1 when security_flagged {
                owner sec
                immediately: assign sec, notify sec
            }
            """);

        var result = Esc.RunIn(folder.Path, string.Empty, "matrix", "p.esc");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("\n| any | s1 | security #0 (when security_flagged) | (assigned owner) | sec | immediately | notify sec |\n");
        result.Out.ShouldContain("    assigned_owner[\"(assigned owner)\"] -->|\"security: immediately\"| sec\n");
    }

    [Fact]
    public void MatrixShowsThatEscalateToNextFromAnOwnerWhoReportsToNoOneNamesNobody()
    {
        // The runtime skips the escalation and the ticket stays with fulfil; the matrix said "(next of fulfil)"
        // and drew an edge to it, as if somebody would get the ticket.
        using var folder = new LintTempFolder();
        folder.Write("p.esc", """
            policy "p" version 1
            owners {
                team frontline "Front line" reports to lead
                team lead "Lead" engineering
                team fulfil "Fulfilment" engineering
            }
            fields { issue_type enum [orders, other] }
            severity s1 { acknowledge within 4h }
            route issue_type {
                orders -> fulfil
                default -> lead
            }
            escalation main for s1 {
                owner frontline
                after 30m unless acknowledged: escalate to route(issue_type)
                after 2h unless acknowledged: escalate to next, notify lead
                after 3h unless acknowledged: notify fulfil
            }
            """);

        var result = Esc.RunIn(folder.Path, string.Empty, "matrix", "p.esc");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("\n| orders | s1 | main #1 | fulfil | - | after 2h unless acknowledged | escalate to next: nobody (fulfil reports to no one), notify lead |\n");
        result.Out.ShouldContain("\n| orders | s1 | main #2 | fulfil | - | after 3h unless acknowledged | notify fulfil |\n");
        result.Out.ShouldNotContain("next of");
    }

    [Fact]
    public void MatrixTakesAStepsHandOversInOrderAsTheRuntimeDoes()
    {
        // `assign b, escalate to next` from a, who reports to no one: b gets the ticket, then b's manager c
        // (a review found "nobody (a reports to no one)" here, read from the step's starting owner).
        using var folder = new LintTempFolder();
        folder.Write("p.esc", """
            policy "p" version 1
            owners {
                team a "A"
                team b "B" reports to c
                team c "C"
            }
            severity s1 { acknowledge within 4h }
            escalation main for s1 {
                owner a
                after 30m unless acknowledged: assign b, escalate to next
            }
            """);

        var result = Esc.RunIn(folder.Path, string.Empty, "matrix", "p.esc");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("\n| any | s1 | main #0 | a | c | after 30m unless acknowledged | - |\n");
        result.Out.ShouldNotContain("nobody");
    }

    [Fact]
    public void MatrixListsWhatChangesTheStepsAcrossTheMatrixAndOnlyWhenThereIsSome()
    {
        // The handout left out the pause, the page guards, required fields and deescalations, which are
        // what a trainee asks "what if" about (a trainer's drill).
        using var folder = new LintTempFolder();
        const string Head = """
            policy "p" version 1
            owners {
                team desk "Desk" reports to lead
                role lead "Lead"
            }
            fields { confirmed flag  note text }
            severity s1 { acknowledge within 15m }

            """;
        folder.Write("p.esc", Head + """
            escalation main for s1 {
                owner desk
                page only when confirmed
                after 15m unless acknowledged: page lead
            }
            require note before escalate
            deescalate when mitigation_status == contained { stop paging }
            pause sla while status == waiting
            """);
        folder.Write("plain.esc", Head + "escalation main for s1 {\n    owner desk\n    after 15m unless acknowledged: page lead\n}\n");

        var result = Esc.RunIn(folder.Path, string.Empty, "matrix", "p.esc");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("""
            ## Across the matrix

            | what | where | rule | effect |
            |---|---|---|---|
            | SLA pause | policy | pause sla while status == waiting | every clock stops: SLA targets, the customer update cadence and the rules' timed steps |
            | page guard | main | page only when confirmed | otherwise a page goes out as a notification |
            | required fields | policy | require note before escalate | an escalation waits until they are set, and the owner is asked for them |
            | deescalation | policy | deescalate when mitigation_status == contained | stop paging |

            """);
        Esc.RunIn(folder.Path, string.Empty, "matrix", "plain.esc").Out.ShouldNotContain("Across the matrix");
    }

    [Fact]
    public void MatrixForOneSeverityShowsOnlyItsRowsAndWhatAppliesToIt()
    {
        // A one-page sev1 handout for a drill (the trainer's P4): the other severities' SLA targets, rows,
        // chain edges and the guards that cannot apply to sev1 stay out.
        using var folder = new LintTempFolder();
        folder.Write("p.esc", """
            policy "p" version 1
            owners {
                team desk "Desk" reports to lead
                role lead "Lead"
                team back "Back"
            }
            fields { confirmed flag  note text }
            severity s1 { acknowledge within 15m }
            severity s2 { acknowledge within 1h }
            severity s3 { acknowledge within 4h }
            escalation top for s1 {
                owner desk
                after 15m unless acknowledged: page lead
            }
            escalation middle for s2 {
                owner desk
                page only when confirmed
                after 1h unless acknowledged: escalate to back
            }
            require note before escalate when severity == s2
            deescalate when contained and severity == s3 { stop paging }
            pause sla while status == waiting
            """);

        var one = Esc.RunIn(folder.Path, string.Empty, "matrix", "p.esc", "--severity", "s1");

        one.ExitCode.ShouldBe(0, one.Error);
        one.Out.ShouldBe("""
            # p (version 1): escalation quick reference for s1

            ## SLA targets

            | severity | description | acknowledge | first update | engineering assignment | mitigate | resolve | customer updates |
            |---|---|---|---|---|---|---|---|
            | s1 | s1 | 15m | - | - | - | - | - |

            ## Escalation matrix

            | issue type | severity | rule | current owner | next owner | trigger | also |
            |---|---|---|---|---|---|---|
            | any | s1 | top #0 | desk | - | after 15m unless acknowledged | page lead |

            ## Across the matrix

            | what | where | rule | effect |
            |---|---|---|---|
            | SLA pause | policy | pause sla while status == waiting | every clock stops: SLA targets, the customer update cadence and the rules' timed steps |

            ## Ownership chain

            ```mermaid
            flowchart LR
            ```

            """.Replace("\r\n", "\n", StringComparison.Ordinal));

        // Repeated, in any order: the policy's order; the guards of s2 and s3 come back.
        var two = Esc.RunIn(folder.Path, string.Empty, "matrix", "p.esc", "--severity", "s3", "--severity", "s2", "--format", "json");
        two.ExitCode.ShouldBe(0, two.Error);
        var json = System.Text.Json.Nodes.JsonNode.Parse(two.Out)!;
        json["severities"]!.AsArray().Select(s => (string?)s).ShouldBe(["s2", "s3"]);
        json["sla"]!.AsArray().Select(s => (string?)s!["severity"]).ShouldBe(["s2", "s3"]);
        json["rows"]!.AsArray().Select(r => (string?)r!["rule"]).ShouldBe(["middle"]);
        json["guards"]!.AsArray().Select(g => (string?)g!["kind"]).ShouldBe(["SLA pause", "page guard", "required fields", "deescalation"]);
        json["chain"]!.AsArray().Select(c => $"{c!["from"]}->{c["to"]}").ShouldBe(["desk->back"]);

        // Without --severity the JSON has no "severities" and every row.
        var all = System.Text.Json.Nodes.JsonNode.Parse(Esc.RunIn(folder.Path, string.Empty, "matrix", "p.esc", "--format", "json").Out)!;
        all["severities"].ShouldBeNull();
        all["rows"]!.AsArray().Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("sev9", "esc: --severity: policy 'support' has no severity 'sev9' (severities: sev1, sev2, sev3)\n")]
    [InlineData("sev1,sev2", "esc: --severity: policy 'support' has no severity 'sev1,sev2' (severities: sev1, sev2, sev3); name one severity per --severity, and repeat the option for several\n")]
    [InlineData("SEV1", "esc: --severity: policy 'support' has no severity 'SEV1' (severities: sev1, sev2, sev3); names are case-sensitive: did you mean sev1?\n")]
    [InlineData("sevv2", "esc: --severity: policy 'support' has no severity 'sevv2' (severities: sev1, sev2, sev3); did you mean sev2?\n")]
    public void MatrixOfAnUnknownSeverityIsAUsageErrorListingThePolicysSeverities(string severity, string error)
    {
        var result = Esc.Run("matrix", "policies/support.esc", "--severity", severity);

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldBe(error);
    }

    /// <summary>Names and values that DOT, Mermaid and Markdown would take for their own syntax.</summary>
    private const string Escaping = """
        policy "R&D <lab>" version 1
        owners {
            team front "Front"
            team back "Back"
        }
        fields {
            workaround text
        }
        severity s1 "Critical | down\n<script>x</script>" { acknowledge within 15m }
        escalation r1 for s1 {
            owner front
            after 15m unless workaround == "one\nsay \"hi\" | <b>": escalate to back
        }
        """;

    [Fact]
    public void CommandsOnAPolicyWithErrorsPrintTheDiagnosticsAndExitOne()
    {
        var dir = Directory.CreateTempSubdirectory();
        File.WriteAllText(Path.Combine(dir.FullName, "bad.esc"), "policy \"x\" version 1\nseverity s { acknowledge within 15x }\n");

        var result = Esc.RunIn(dir.FullName, string.Empty, "graph", "bad.esc");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("bad.esc:2:33: error[ESC2007]");
        result.Out.ShouldBeEmpty();
    }
}
