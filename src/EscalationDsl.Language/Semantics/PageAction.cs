using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Page each owner (a notification when a page guard does not hold).</summary>
public sealed record PageAction(ImmutableArray<OwnerRefModel> Owners, TextSpan Span) : ActionModel(Span);
