using System.Globalization;

namespace EscalationDsl.Language.Semantics;

/// <summary>
/// How a ticket's value of a <c>number</c> field reads as a number: a whole number with an optional
/// sign, invariant culture (<c>+01</c> is 1). The runtime's comparisons and validation, the linter's
/// reasoning about conditions and the matching of route and <c>calendar by</c> entries all read it so.
/// </summary>
public static class NumberValue
{
    /// <summary>The number the value holds, or null (no value, or not a whole number).</summary>
    public static long? Read(string? value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
