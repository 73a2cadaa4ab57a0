using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>A duration as the policy wrote it; the runtime measures it.</summary>
public abstract record DurationModel(string Text, TextSpan Span);
