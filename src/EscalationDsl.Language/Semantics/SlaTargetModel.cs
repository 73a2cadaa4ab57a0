using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary><c>mitigate within 4h with next_update</c>: met by the component's event within the duration.</summary>
public sealed record SlaTargetModel(SlaComponent Component, DurationModel Within, FieldModel? WithField, TextSpan Span);
