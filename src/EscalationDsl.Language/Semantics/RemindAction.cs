using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Remind the owner.</summary>
public sealed record RemindAction(OwnerRefModel Owner, TextSpan Span) : ActionModel(Span);
