using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Business hours within one local day, in minutes since midnight; <see cref="EndMinute"/> may be 1440 (24:00).</summary>
public readonly record struct BusinessHoursRange(int StartMinute, int EndMinute)
{
    /// <summary>Formats as <c>HH:MM-HH:MM</c>.</summary>
    public override string ToString() => $"{StartMinute / 60:00}:{StartMinute % 60:00}-{EndMinute / 60:00}:{EndMinute % 60:00}";
}
