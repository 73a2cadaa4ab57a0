using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>A declared owner.</summary>
public sealed record NamedOwnerRef(OwnerModel Owner, TextSpan Span) : OwnerRefModel(Span);
