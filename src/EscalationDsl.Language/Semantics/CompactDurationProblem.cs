namespace EscalationDsl.Language.Semantics;

/// <summary>Why a text is not a compact duration.</summary>
public enum CompactDurationProblem
{
    /// <summary>Not numbers followed by unit letters.</summary>
    NotADuration,

    /// <summary>A unit other than m, h, d, w.</summary>
    UnknownUnit,

    /// <summary>Longer than <see cref="CompactDuration.MaxMinutes"/>.</summary>
    TooLong,

    /// <summary>A unit given twice, such as <c>1h1h</c>.</summary>
    UnitRepeated,

    /// <summary>A unit after a smaller one, such as <c>30m1h</c>.</summary>
    UnitOutOfOrder,
}
