namespace EscalationDsl.Analysis.Tests;

public sealed class SuppressionTests
{
    private const string Late = """
        severity sev1 { acknowledge within 15m }
        escalation main for sev1 {
            owner desk

        """;

    [Fact]
    public void SuppressionWithAReasonRemovesTheFindingOnTheNextLine()
    {
        var result = LintHarness.Lint(Policies.Header + Late + """
                # esc-disable-next-line ESL001 the commander takes over once the target is missed
                after 45m unless acknowledged: escalate to next
            }
            """);

        result.Diagnostics.ShouldBeEmpty();
        result.Suppressed.ShouldBe(1);
    }

    [Fact]
    public void SuppressionAcceptsRuleNamesListsAndADashDashBeforeTheReason()
    {
        var result = LintHarness.Lint(Policies.Header + Late + """
                # esc-disable-next-line step-after-sla-target,ESL007 -- chased until someone answers
                every 45m: escalate to next
                after 45m unless acknowledged: escalate to next
            }
            """);

        // The suppression covers line 10 only; the step on line 11 is still reported.
        result.Diagnostics.Select(d => LintHarness.Describe(result, d) + " " + d.Code).ShouldBe(["warning 11:11-11:14 ESL001"]);
        result.Suppressed.ShouldBe(1);
    }

    [Fact]
    public void SuppressionWithoutAReasonStillSuppressesButIsReported()
    {
        var result = LintHarness.Lint(Policies.Header + Late + """
                # esc-disable-next-line ESL001
                after 45m unless acknowledged: escalate to next
            }
            """);

        LintHarness.Describe(result, "ESL001").ShouldBeEmpty();
        LintHarness.Describe(result, "ESL023").ShouldBe(["warning 9:5-9:35"]);
    }

    [Fact]
    public void SuppressionOfAnUnknownRuleIsReportedAtTheName()
    {
        var result = LintHarness.Lint(Policies.Header + Late + """
                # esc-disable-next-line ESL001,ESL999 reviewed
                after 45m unless acknowledged: escalate to next
            }
            """);

        LintHarness.Describe(result, "ESL024").ShouldBe(["warning 9:36-9:42"]);
        LintHarness.Describe(result, "ESL001").ShouldBeEmpty();
    }

    [Fact]
    public void CompilerCodesCannotBeSuppressed()
    {
        var text = Policies.Header + Late + """
                # esc-disable-next-line ESC2003 reviewed
                after 15m unless acknowledged: escalate to next
            }
            """;

        LintHarness.Findings(text, "ESL024").ShouldBe(["warning 9:29-9:36"]);
        LintHarness.Message(text, "ESL024").ShouldContain("Compiler diagnostics (ESC codes) are errors and cannot be suppressed.");
    }

    [Fact]
    public void SuppressionNamingNoRuleIsReported()
    {
        LintHarness.Findings(Policies.Header + Late + """
                # esc-disable-next-line
                after 15m unless acknowledged: escalate to next
            }
            """, "ESL024").ShouldBe(["warning 9:5-9:28"]);
    }

    [Fact]
    public void OrdinaryCommentsAreNotSuppressions()
    {
        var result = LintHarness.Lint(Policies.Header + Late + """
                # escalate quickly; esc-disable-next-line is how to silence the linter
                after 15m unless acknowledged: escalate to next
            }
            """);

        result.Diagnostics.ShouldBeEmpty();
        result.Suppressed.ShouldBe(0);
    }
}
