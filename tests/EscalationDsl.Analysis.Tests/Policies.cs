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
}
