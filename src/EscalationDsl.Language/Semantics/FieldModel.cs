using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>A ticket field: declared under `fields` or built in.</summary>
/// <param name="Name">The field name.</param>
/// <param name="Type">Its type.</param>
/// <param name="Values">The allowed values of an enum field, in declared order.</param>
/// <param name="IsBuiltIn">True for fields the runtime maintains.</param>
/// <param name="Span">The declaration (empty for built-ins).</param>
public sealed record FieldModel(string Name, FieldType Type, ImmutableArray<string> Values, bool IsBuiltIn, TextSpan Span)
{
    /// <summary>True when the field has a point in time that `older than` and `since` can measure from.</summary>
    public bool HasTime => Type is FieldType.Event or FieldType.Time;
}
