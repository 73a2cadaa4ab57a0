using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Send a notification to each owner.</summary>
public sealed record NotifyAction(ImmutableArray<OwnerRefModel> Owners, TextSpan Span) : ActionModel(Span);
