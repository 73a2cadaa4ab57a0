using System.Globalization;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Syntax;

namespace EscalationDsl.Analysis.Flow;

/// <summary>
/// The values a field can hold at run time, cut down to one representative per way the tests on it
/// can turn out, and those tests evaluated as the runtime's condition compiler does. Values are kept
/// as the text the runtime stores (null for no value), so a field is never assumed to hold less than
/// it can: an enum may hold a value it does not declare (or none), a number may hold text that is no
/// number, an owner may be nobody.
/// </summary>
/// <param name="policy">The policy whose severities and owners are the values of those fields.</param>
/// <param name="openTicket">
/// True where the condition is evaluated only while the ticket is neither resolved nor closed, so
/// `resolved` is false there (SLA clocks, the update cadence and steps run only on an open ticket).
/// </param>
internal sealed class FieldValues(PolicyModel policy, bool openTicket)
{
    private const string Raised = "true";

    /// <summary>The representative values of a field, given the tests on it.</summary>
    public IReadOnlyList<string?> Candidates(FieldModel field, IEnumerable<ConditionModel> tests)
    {
        switch (Kind(field))
        {
            case FieldKind.Severity:
                return [.. policy.Severities.Select(s => s.Name)];
            case FieldKind.Owner:
                return [null, .. policy.Owners.Select(o => o.Name)];
            case FieldKind.Mitigation:
                return [.. BuiltIns.MitigationStatuses];
            case FieldKind.Created:
                return [Raised];
            case FieldKind.Happened when openTicket && field.Name == "resolved":
                return [null];
            case FieldKind.Happened or FieldKind.Raised:
                return [Raised, null];
            case FieldKind.Level:
                // The level runs from 0 to the highest level: with both ends, every interval the
                // comparisons cut that reaches into the range keeps a representative.
                var levels = Integers(tests);
                levels.Add(BuiltIns.MaxEscalationLevel);
                return [.. levels.Where(InLevelRange).Select(Text)];
            case FieldKind.Number:
                return [null, "not a number", .. Integers(tests).Select(Text)];
            default:
                var constants = Constants(tests).Distinct(StringComparer.Ordinal).ToList();
                var other = "other";
                while (constants.Contains(other))
                {
                    other += "_";
                }

                return [null, "", other, .. constants];
        }
    }

    /// <summary>Whether a comparison, test or flag holds when its field has <paramref name="value"/>.</summary>
    public bool Holds(ConditionModel test, string? value) => test switch
    {
        FlagCondition f => Truthy(f.Field, value),
        CompareCondition c => Compare(c.Field, c.Operator, c.Value, value),
        InCondition i => i.Values.Any(v => Compare(i.Field, CompareOperator.Equal, v, value)) != i.Negated,
        _ => throw new ArgumentException($"not a test on a field value: {test.GetType().Name}", nameof(test)),
    };

    /// <summary>
    /// Which sides of the escalation level's range, below 0 or above <see cref="BuiltIns.MaxEscalationLevel"/>,
    /// hold a number that satisfies every literal on `escalation_level`: where the literals cannot hold
    /// together (or, negated, cannot fail) within the range, the range is why. Neither for literals on
    /// another field, or for ones that contradict each other at any number.
    /// </summary>
    public (bool Below, bool Above) OutsideLevelRange(IReadOnlyList<Literal> literals)
    {
        if (literals.Count == 0 || !literals.All(l => ModelWalker.FieldOf(l.Atom) is { } field && Kind(field) == FieldKind.Level))
        {
            return default;
        }

        var outside = Integers(literals.Select(l => l.Atom)).Append(BuiltIns.MaxEscalationLevel + 1)
            .Where(n => !InLevelRange(n) && literals.All(l => Holds(l.Atom, Text(n)) == l.Positive))
            .ToList();
        return (outside.Any(n => n < 0), outside.Any(n => n > BuiltIns.MaxEscalationLevel));
    }

    private static bool InLevelRange(long n) => n is >= 0 and <= BuiltIns.MaxEscalationLevel;

    private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static bool Truthy(FieldModel field, string? value) => Kind(field) switch
    {
        FieldKind.Mitigation => value != "none",
        FieldKind.Level => Number(value) > 0,
        _ => !string.IsNullOrEmpty(value),
    };

    private bool Compare(FieldModel field, CompareOperator op, string constant, string? value)
    {
        switch (Kind(field))
        {
            case FieldKind.Severity:
                // Ranks count from the most severe (0), and more severe is greater: sev1 > sev2.
                var rank = policy.FindSeverity(value!)!.Rank;
                var other = policy.FindSeverity(constant)!.Rank;
                return Ordered(op, other.CompareTo(rank));
            case FieldKind.Level or FieldKind.Number:
                var number = Number(value);
                var c = long.Parse(constant, CultureInfo.InvariantCulture);

                // No number compares false, except with !=, as the runtime's lifted comparisons do.
                return number is { } n ? Ordered(op, n.CompareTo(c)) : op == CompareOperator.NotEqual;
            default:
                return string.Equals(value, constant, StringComparison.Ordinal) == (op == CompareOperator.Equal);
        }
    }

    private static bool Ordered(CompareOperator op, int sign) => op switch
    {
        CompareOperator.Equal => sign == 0,
        CompareOperator.NotEqual => sign != 0,
        CompareOperator.Less => sign < 0,
        CompareOperator.LessOrEqual => sign <= 0,
        CompareOperator.Greater => sign > 0,
        _ => sign >= 0,
    };

    private static long? Number(string? value) => NumberValue.Read(value);

    private static IEnumerable<string> Constants(IEnumerable<ConditionModel> tests) => tests.SelectMany(t => t switch
    {
        CompareCondition c => [c.Value],
        InCondition i => i.Values,
        _ => Enumerable.Empty<string>(),
    });

    /// <summary>
    /// Each constant and its neighbours: one number from every interval the comparisons cut. And 0 and
    /// its neighbours, for the bare test of `escalation_level` (above 0).
    /// </summary>
    private static SortedSet<long> Integers(IEnumerable<ConditionModel> tests)
    {
        var numbers = new SortedSet<long> { -1, 0, 1 };
        foreach (var constant in Constants(tests))
        {
            var c = long.Parse(constant, CultureInfo.InvariantCulture);
            numbers.Add(c);
            if (c > long.MinValue)
            {
                numbers.Add(c - 1);
            }

            if (c < long.MaxValue)
            {
                numbers.Add(c + 1);
            }
        }

        return numbers;
    }

    private static FieldKind Kind(FieldModel field) => field switch
    {
        { Type: FieldType.Severity } => FieldKind.Severity,
        { Type: FieldType.Owner } => FieldKind.Owner,
        { IsBuiltIn: true, Name: "mitigation_status" } => FieldKind.Mitigation,
        { IsBuiltIn: true, Name: "escalation_level" } => FieldKind.Level,
        { IsBuiltIn: true, Name: "created" } => FieldKind.Created,
        { Type: FieldType.Event } => FieldKind.Happened,
        { Type: FieldType.Flag } => FieldKind.Raised,
        { Type: FieldType.Number } => FieldKind.Number,
        _ => FieldKind.Text,
    };

    private enum FieldKind
    {
        Severity,
        Owner,
        Mitigation,
        Level,
        Created,
        Happened,
        Raised,
        Number,
        Text,
    }
}
