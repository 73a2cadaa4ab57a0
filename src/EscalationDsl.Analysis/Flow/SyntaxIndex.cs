using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Analysis.Flow;

/// <summary>Finds the syntax behind a model record, for spans the model does not keep.</summary>
internal static class SyntaxIndex
{
    /// <summary>The span of `reports to NAME`'s name for the owner, or null.</summary>
    public static TextSpan? ReportsToSpan(SemanticModel model, OwnerModel owner) =>
        model.Syntax.Declarations.OfType<OwnersSyntax>()
            .SelectMany(o => o.Owners)
            .FirstOrDefault(o => o.Name.Span == owner.NameSpan)?.ReportsTo?.Span;

    /// <summary>The span of <c>route FIELD</c> (the keyword and the field) of a route declaration.</summary>
    public static TextSpan RouteHeadSpan(SemanticModel model, RouteModel route) =>
        model.Syntax.Declarations.OfType<RouteSyntax>().FirstOrDefault(r => r.Span == route.Span) is { } syntax
            ? TextSpan.FromBounds(route.Span.Start, syntax.Field.Span.End)
            : route.Span;

    /// <summary>The span of `driven by NAME` in a rule, or the rule's name.</summary>
    public static TextSpan DriverSpan(SemanticModel model, RuleModel rule) =>
        model.Syntax.Declarations.OfType<EscalationSyntax>().FirstOrDefault(e => e.Name.Span == rule.NameSpan)?
            .Items.OfType<RuleDriverSyntax>().FirstOrDefault()?.Span ?? rule.NameSpan;

    /// <summary>The span of a field's name in its declaration (declarations start with the name).</summary>
    public static TextSpan FieldNameSpan(FieldModel field) => new(field.Span.Start, field.Name.Length);

    /// <summary>The 1-based line of an offset.</summary>
    public static int Line(SemanticModel model, TextSpan span) => model.Source.GetPosition(span.Start).Line;
}
