namespace EscalationDsl.Language.Diagnostics;

/// <summary>How a duration with a bad unit was written; the advice in ESC2007 depends on it.</summary>
public enum DurationUnitForm
{
    /// <summary>Digits glued to a unit letter: <c>15m</c>, <c>1h30m</c>.</summary>
    Compact,

    /// <summary>A number and a unit word: <c>4 hours</c>.</summary>
    Words,

    /// <summary>Business time: <c>4 business hours</c>.</summary>
    Business,
}
