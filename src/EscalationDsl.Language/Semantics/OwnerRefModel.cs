using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>How an action names an owner.</summary>
public abstract record OwnerRefModel(TextSpan Span);
