using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Whoever holds the ticket.</summary>
public sealed record CurrentOwnerRef(TextSpan Span) : OwnerRefModel(Span);
