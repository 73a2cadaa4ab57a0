using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Stop repeating pages.</summary>
public sealed record StopPagingAction(TextSpan Span) : ActionModel(Span);
