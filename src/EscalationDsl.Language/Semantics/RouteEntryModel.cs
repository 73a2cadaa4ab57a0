using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>One route line: values to an owner.</summary>
public sealed record RouteEntryModel(ImmutableArray<string> Values, OwnerModel Owner, TextSpan Span) : IValueEntry;
