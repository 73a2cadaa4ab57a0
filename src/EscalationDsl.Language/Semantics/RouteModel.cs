using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Function-based routing: a field's value picks a specialist owner.</summary>
public sealed record RouteModel(FieldModel Field, ImmutableArray<RouteEntryModel> Entries, OwnerModel? Default, TextSpan Span)
{
    /// <summary>The owner for a value: the matching entry (numbers compare as numbers), else the default, else null.</summary>
    public OwnerModel? Resolve(string? value) => ValueEntries.Find(Field, Entries, value)?.Owner ?? Default;
}
