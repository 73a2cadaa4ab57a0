using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Switch the ticket to monitor mode.</summary>
public sealed record EnterMonitorAction(TextSpan Span) : ActionModel(Span);
