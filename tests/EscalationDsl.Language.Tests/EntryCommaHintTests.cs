using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Language.Tests;

/// <summary>
/// The entries of a `route` or `calendar by` block are separated by line breaks or spaces; a comma after an
/// entry (as in a JSON or YAML list) is the slip, and the message says so. A comma between the values before
/// the arrow is how several values share a target, and stays valid.
/// </summary>
public sealed class EntryCommaHintTests
{
    private const string Head = """
        policy "p" version 1
        calendar amer "America/Chicago"  { hours mon..fri 08:00-18:00 }
        calendar emea "Europe/Amsterdam" { hours mon..fri 09:00-17:00 }
        owners {
            team desk "Desk"
            team fulfil "Fulfilment"
        }
        fields {
            issue_type enum [orders, returns, other]
            customer enum [acme, globex]
        }
        severity p3 { acknowledge within 4h }

        """;

    [Theory]
    [InlineData("route issue_type {\n    orders -> fulfil,\n    default -> desk\n}", "route", "fulfil")]
    [InlineData("route issue_type { orders, returns -> fulfil, default -> desk }", "route", "fulfil")]
    [InlineData("calendar by customer { acme -> amer, default -> emea }", "calendar by", "amer")]
    [InlineData("calendar by customer {\n    default -> emea,\n}", "calendar by", "emea")]
    public void ACommaAfterAnEntrySaysEntriesAreSeparatedByLineBreaks(string block, string kind, string target)
    {
        var model = SemanticModel.Create("p.esc", Head + block + "\n");

        var diagnostic = model.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Message.ShouldBe($"Unexpected ','. Inside a `{kind}` block, entries are separated by line breaks or spaces, not commas (a comma only joins the values before an '->', as in `VALUE, VALUE -> {target}`). Remove the ','.");
        model.Source.Slice(diagnostic.Span).ShouldBe(",");
    }

    [Fact]
    public void ACommaBetweenValuesBeforeTheArrowIsValid()
    {
        var model = SemanticModel.Create("p.esc", Head + "route issue_type {\n    orders, returns -> fulfil\n    default -> desk\n}\ncalendar by customer { acme, globex -> amer  default -> emea }\n");

        model.Diagnostics.ShouldBeEmpty();
    }
}
