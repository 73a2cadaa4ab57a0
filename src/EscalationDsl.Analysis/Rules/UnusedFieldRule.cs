using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL019: a declared field that nothing reads. Redeclared built-ins (<c>issue_type</c>, <c>status</c>) are
/// left alone: the runtime fills them, and the values of <c>issue_type</c> are the columns of the matrix.
/// </summary>
public sealed class UnusedFieldRule() : LintRule(
    "ESL019",
    "unused-field",
    DiagnosticLevel.Info,
    "A field is declared but no condition, guard, route, trigger or action reads it.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        var used = Usage.Of(model.Policy).Fields;
        foreach (var field in model.Policy.Fields.Where(f => !f.IsBuiltIn && !BuiltIns.Refinable.Contains(f.Name) && !used.Contains(f.Name)))
        {
            yield return Report(SyntaxIndex.FieldNameSpan(field),
                $"Field '{field.Name}' is declared but nothing reads it. Remove it, or use it in a condition, guard or route.");
        }
    }
}
