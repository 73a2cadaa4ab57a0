using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Tracing;
using EscalationDsl.Tests;
using NodaTime;

namespace EscalationDsl.Analysis.Tests;

/// <summary>
/// ESL032: rules and deescalations whose hand-overs go round in a loop at one instant. The last tests run the
/// real runtime on the policies here: each one reported stops at the runtime's limit, each near miss does not.
/// </summary>
public sealed class ActionsUndoEachOtherRuleTests
{
    /// <summary>Lines 1-8: header, three owners (frontline → lead), a flag and a severity. Test text starts on line 9.</summary>
    private const string Header = """
        policy "t" version 1
        owners {
            team frontline "Front line" reports to lead
            role lead "Lead"
            role director "Director"
        }
        fields { vip flag }
        severity sev1 { acknowledge within 15m }

        """;

    private const string Climb = "escalation climb for sev1 when owner == frontline { immediately: escalate to next }\n";
    private const string Back = "escalation back for sev1 when owner == director { immediately: assign frontline }\n";
    private const string HandOn = "deescalate when owner == lead { assign director }\n";

    private const string Loop = Header + Climb + Back + HandOn;

    private const string RulesAlone = Header
        + "escalation c for sev1 when owner == director { immediately: assign frontline }\n"
        + "escalation b for sev1 when owner == lead { immediately: assign director }\n"
        + "escalation a for sev1 when owner == frontline { immediately: assign lead }\n";

    private const string EndsAtLevelTwo = Header
        + "escalation climb for sev1 when owner == frontline and escalation_level < 2 { immediately: escalate to next }\n"
        + Back + HandOn;

    /// <summary>back before climb: back never sees its condition false between two rounds, so the ticket goes round once.</summary>
    private const string OtherOrder = Header + Back + Climb + HandOn;

    /// <summary>The hand-back comes in the same round, so climb never sees its condition false and does not fire again.</summary>
    private const string HandBack = Header + Climb + "deescalate when owner == lead { assign frontline }\n";

    /// <summary>Monitor mode, once entered, stays for the instant: each fires once.</summary>
    private const string MonitorStops = Header
        + "escalation watch for sev1 when not monitoring { owner frontline immediately: escalate to lead }\n"
        + "deescalate when escalation_level > 0 { enter monitor }\n";

    /// <summary>The loop of <see cref="Loop"/>, ended by monitor mode.</summary>
    private const string MonitorBreaks = Header
        + "escalation climb for sev1 when owner == frontline and not monitoring { immediately: escalate to next }\n"
        + Back
        + "deescalate when owner == lead { assign director enter monitor }\n";

    [Fact]
    public void ARuleADeescalationAndARuleThatHandTheTicketRoundAreReportedOnceAtTheFirst()
    {
        var result = LintHarness.Lint(Loop);

        // Line 9 holds climb's condition, `owner == frontline` from column 32.
        LintHarness.Describe(result, "ESL032").ShouldBe(["error 9:32-9:50"]);
        result.Diagnostics.Single(d => d.Code == "ESL032").Message.ShouldBe(
            "Rule 'climb', rule 'back' (line 10) and the deescalation `deescalate when owner == lead` (line 11) undo each other: "
            + "their hand-overs take the ticket round (frontline → lead → director → frontline) to where they fire again, "
            + "so at one instant they keep firing until the runtime stops after 4 evaluations. "
            + "Narrow a condition so that it no longer holds after another one's hand-over, or hand the ticket to an owner none of them takes back.");
    }

    [Fact]
    public void ALoopOfRulesAloneIsReported()
    {
        // Written in this order, each rule sees its condition false before the ticket comes back to it.
        LintHarness.Message(RulesAlone, "ESL032").ShouldStartWith("Rule 'c', rule 'b' (line 10) and rule 'a' (line 11) undo each other");
    }

    [Fact]
    public void ALoopThatEndsOnlyAfterTheRuntimesLimitIsReported()
    {
        // climb stops at level 2, but the ticket has gone round twice by then: past the runtime's 4 evaluations.
        LintHarness.Findings(EndsAtLevelTwo, "ESL032").ShouldBe(["error 9:32-9:75"]);
    }

    [Theory]
    [InlineData("owner == frontline and vip")]
    [InlineData("owner == frontline and acknowledged")]
    [InlineData("owner == frontline and not escalated")]
    public void ALoopThatDependsOnWhatThePolicyDoesNotDecideIsNotReported(string condition)
    {
        LintHarness.Findings(Header + Climb.Replace("owner == frontline", condition, StringComparison.Ordinal) + Back + HandOn, "ESL032").ShouldBeEmpty();
    }

    [Fact]
    public void ALoopThroughAGuardedEscalationIsNotReported()
    {
        // Whether the escalation goes out depends on a field being set.
        LintHarness.Findings(Header + "require vip before escalate\n" + Climb + Back + HandOn, "ESL032").ShouldBeEmpty();
    }

    [Fact]
    public void ALoopThroughARouteIsNotReported()
    {
        var text = Header + "route issue_type { default -> director }\n" + Climb + Back
            + "deescalate when owner == lead { assign route(issue_type) }\n";

        LintHarness.Findings(text, "ESL032").ShouldBeEmpty();
    }

    [Fact]
    public void AFindingIsSuppressedOnTheLineBeforeTheFirstOfTheLoop()
    {
        var result = LintHarness.Lint(Loop.Replace(Climb, "# esc-disable-next-line ESL032 the desk watches this loop by hand\n" + Climb, StringComparison.Ordinal));

        result.Diagnostics.ShouldNotContain(d => d.Code == "ESL032");
        result.Suppressed.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TokenEdits.ShippedPolicies), MemberType = typeof(TokenEdits))]
    public void TheShippedPoliciesHaveNoLoop(string file)
    {
        LintHarness.Findings(File.ReadAllText(Path.Combine(RepoPaths.Policies, file)), "ESL032").ShouldBeEmpty();
    }

    /// <summary>The policies above by name, and whether they loop: the near misses are tested here only.</summary>
    private static readonly Dictionary<string, (string Text, bool Loops)> RuntimeCases = new(StringComparer.Ordinal)
    {
        [nameof(Loop)] = (Loop, true),
        [nameof(RulesAlone)] = (RulesAlone, true),
        [nameof(EndsAtLevelTwo)] = (EndsAtLevelTwo, true),
        [nameof(OtherOrder)] = (OtherOrder, false),
        [nameof(HandBack)] = (HandBack, false),
        [nameof(MonitorStops)] = (MonitorStops, false),
        [nameof(MonitorBreaks)] = (MonitorBreaks, false),
    };

    public static TheoryData<string> RuntimeCaseNames() => new(RuntimeCases.Keys);

    [Theory]
    [MemberData(nameof(RuntimeCaseNames))]
    public void WhatTheRuleReportsIsWhatStopsTheRuntimeAtItsLimit(string name)
    {
        var (text, loops) = RuntimeCases[name];

        LintHarness.Findings(text, "ESL032").Count.ShouldBe(loops ? 1 : 0);
        RuntimeStopsAtItsLimit(text).ShouldBe(loops);
    }

    [Fact(Timeout = 120_000)]
    public async Task APolicyWithManyOwnersIsCheckedWithinTheReplayBudget()
    {
        // 120 owners in a chain, each with a rule reading owner, level, issue type and monitor mode: about
        // 24 million starting states, which took minutes; the engine lints every policy it loads.
        var owners = string.Concat(Enumerable.Range(0, 120).Select(i => $"    team o{i} \"O{i}\"{(i < 119 ? $" reports to o{i + 1}" : "")}\n"));
        var rules = string.Concat(Enumerable.Range(0, 120).Select(i =>
            $"escalation r{i} for sev{(i % 4) + 1} when owner == o{i} and escalation_level < 12 and issue_type != a and not monitoring {{\n    after 10m: escalate to next\n}}\n"));
        var text = $$"""
            policy "big" version 1
            owners {
            {{owners}}}
            fields {
                issue_type enum [a, b, c, d, e, f, g, h]
            }
            severity sev1 { acknowledge within 1h }
            severity sev2 { acknowledge within 1h }
            severity sev3 { acknowledge within 1h }
            severity sev4 { acknowledge within 1h }
            {{rules}}deescalate when escalation_level >= 12 { enter monitor }

            """;

        var findings = await Task.Run(() => LintHarness.Findings(text, "ESL032"));

        findings.ShouldBeEmpty();
    }

    /// <summary>A ticket created without an owner and then handed to each owner in turn, on the real runtime.</summary>
    private static bool RuntimeStopsAtItsLimit(string text)
    {
        var policy = CompiledPolicy.Compile(SemanticModel.Create("test.esc", text));
        var start = Instant.FromUtc(2026, 11, 2, 14, 0);
        foreach (var owner in policy.Model.Owners)
        {
            var runtime = new TicketRuntime(policy);
            var trace = new ExplainTrace();
            var ticket = runtime.Open(new TicketEvent { TicketId = "T1", At = start, Kind = TicketEventKind.Created, Severity = "sev1" }, [], trace);
            runtime.Apply(ticket, new TicketEvent { TicketId = "T1", At = start + Duration.FromMinutes(1), Kind = TicketEventKind.Assigned, Owner = owner.Name }, [], trace);
            if (trace.Entries.Any(e => e.Text.StartsWith($"the policy's own actions still change the ticket after {TicketRuntime.MaxSettlePasses} evaluations", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
