using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Whom the current owner reports to.</summary>
public sealed record NextOwnerRef(TextSpan Span) : OwnerRefModel(Span);
