using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Assign the ticket to the owner.</summary>
public sealed record AssignAction(OwnerRefModel Owner, TextSpan Span) : ActionModel(Span);
