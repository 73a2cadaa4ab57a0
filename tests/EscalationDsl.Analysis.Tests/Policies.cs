namespace EscalationDsl.Analysis.Tests;

/// <summary>Shared opening lines of the test policies, so line numbers in assertions stay readable.</summary>
internal static class Policies
{
    /// <summary>Lines 1-5: the header and two owners, desk → lead. Test text starts on line 6.</summary>
    public const string Header = """
        policy "t" version 1
        owners {
            team desk "Desk" reports to lead
            role lead "Lead"
        }

        """;

    /// <summary>
    /// Lines 6-10 after <see cref="Header"/>: a severity and one rule that uses both owners and
    /// triggers no rule, for tests of declarations that come after it (from line 11).
    /// </summary>
    public const string OneRule = """
        severity sev1 { acknowledge within 15m }
        escalation main for sev1 {
            owner desk
            after 15m unless acknowledged: escalate to next
        }

        """;
}
