using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Escalate: the owner takes over and the escalation level rises.</summary>
public sealed record EscalateAction(OwnerRefModel Owner, TextSpan Span) : ActionModel(Span);
