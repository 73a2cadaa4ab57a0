using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL034: a value of the declared <c>status</c> enum named after a ticket event a status could stand for
/// (<c>resolved</c>, <c>closed</c>, <c>reopened</c>, <c>acknowledged</c>, ...: <see cref="StatusEvents"/>, the list the
/// <c>--map</c> importer warns of). A <c>status</c> event with that value only sets the status; the runtime resolves,
/// closes or reopens a ticket on the event of that type alone.
/// </summary>
public sealed class StatusNamedAfterEventRule() : LintRule(
    "ESL034",
    "status-named-after-event",
    DiagnosticLevel.Warning,
    "A `status` value is named after a ticket event (resolved, closed, reopened, acknowledged, ...), but a `status` event with it only sets the status.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        var values = model.Syntax.Declarations.OfType<FieldsSyntax>()
            .SelectMany(f => f.Fields)
            .Where(f => f.Name.Name == "status")
            .SelectMany(f => f.Values);
        foreach (var value in values)
        {
            if (StatusEvents.Done(value.Text) is { } done)
            {
                var name = value.Text;
                yield return Report(value.Span,
                    $"Status value '{name}' has the name of the ticket event `{name}`, but a `status` event with it only sets the status; it does not {done}. "
                    + $"To {done}, send {English.Article(name)} `{name}` event (an importer's status value can stand for one, docs/importers.md); "
                    + "keep the value only if the status is meant as a label beside that event.");
            }
        }
    }
}
