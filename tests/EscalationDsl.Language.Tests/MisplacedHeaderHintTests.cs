using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Language.Tests;

/// <summary>A `policy` header after declarations says why it cannot be there, instead of listing declaration keywords.</summary>
public sealed class MisplacedHeaderHintTests
{
    [Fact]
    public void SecondHeaderSaysAFileHoldsOnePolicy()
    {
        var model = SemanticModel.Create("two.esc", """
            # Two policies pasted into one file.
            policy "first" version 1
            severity sev1 { acknowledge within 15m }
            policy "second" version 1
            severity sev1 { acknowledge within 15m }
            """);

        var diagnostic = model.Diagnostics.First();
        (diagnostic.Code, diagnostic.Message).ShouldBe(("ESC1001", "Unexpected keyword 'policy'. A file holds one policy, and its header is on line 2; put a second policy in a file of its own."));
        model.Source.Slice(diagnostic.Span).ShouldBe("policy");
    }

    [Fact]
    public void LateHeaderSaysItComesFirst()
    {
        var model = SemanticModel.Create("late.esc", """
            severity sev1 { acknowledge within 15m }
            policy "late" version 1
            """);

        model.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe("Unexpected keyword 'policy'. The `policy` header comes first in the file (only comments may precede it); move it to the top.");
    }
}
