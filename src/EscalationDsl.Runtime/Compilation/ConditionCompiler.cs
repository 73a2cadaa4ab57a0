using System.Globalization;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Time;
using NodaTime.Text;

namespace EscalationDsl.Runtime.Compilation;

/// <summary>Turns bound conditions into delegates that read a ticket without allocating.</summary>
internal sealed class ConditionCompiler(CompiledPolicy policy, ComparedTexts.Builder compared)
{
    public TicketPredicate Compile(ConditionModel condition)
    {
        switch (condition)
        {
            case AndCondition and:
                var l = Compile(and.Left);
                var r = Compile(and.Right);
                return (t, now) => l(t, now) && r(t, now);
            case OrCondition or:
                var ol = Compile(or.Left);
                var orr = Compile(or.Right);
                return (t, now) => ol(t, now) || orr(t, now);
            case NotCondition not:
                var operand = Compile(not.Operand);
                return (t, now) => !operand(t, now);
            case FlagCondition flag:
                return Truthy(policy.Access(flag.Field));
            case CompareCondition compare:
                return Compare(policy.Access(compare.Field), compare.Operator, compare.Value);
            case InCondition inCondition:
                var tests = inCondition.Values.Select(v => Compare(policy.Access(inCondition.Field), CompareOperator.Equal, v)).ToArray();
                var negated = inCondition.Negated;
                return (t, now) =>
                {
                    foreach (var test in tests)
                    {
                        if (test(t, now))
                        {
                            return !negated;
                        }
                    }

                    return negated;
                };
            case OlderCondition older:
                return Older(policy.Access(older.Field), older.Age);
            case DuringCondition during:
                var calendar = policy.Calendar(during.Calendar);
                return (_, now) => calendar.IsOpen(now);
            default:
                throw new InvalidOperationException($"unknown condition {condition.GetType().Name}");
        }
    }

    /// <summary>
    /// When <paramref name="condition"/> may next change by time alone, or null when it has no
    /// <c>older than</c> or <c>during</c> (events are then the only thing that changes it).
    /// </summary>
    public TicketWake? CompileWake(ConditionModel condition)
    {
        switch (condition)
        {
            case AndCondition and:
                return Earliest(CompileWake(and.Left), CompileWake(and.Right));
            case OrCondition or:
                return Earliest(CompileWake(or.Left), CompileWake(or.Right));
            case NotCondition not:
                return CompileWake(not.Operand);
            case OlderCondition older:
                var threshold = OlderThreshold(policy.Access(older.Field), older.Age);
                return (t, now) => threshold(t) is { } at && at > now ? at : null;
            case DuringCondition during:
                var calendar = policy.Calendar(during.Calendar);

                // Closed now: it opens at the next interval's start; open: it closes at the interval's end.
                return (_, now) => calendar.NextInterval(now) is { } next ? (next.Start > now ? next.Start : next.End) : null;
            default:
                return null;
        }
    }

    /// <summary>The earlier of two wakes (either may be absent).</summary>
    public static TicketWake? Earliest(TicketWake? a, TicketWake? b) => a is null ? b : b is null ? a : (t, now) =>
        a(t, now) is { } x ? (b(t, now) is { } y ? Math.Min(x, y) : x) : b(t, now);

    private TicketPredicate Truthy(FieldAccess access) => access.Storage switch
    {
        FieldStorage.Value when access.Field.Type == FieldType.Flag => (t, _) => IsTrue(t.Values[access.Slot]),
        FieldStorage.Value => (t, _) => !string.IsNullOrEmpty(t.Values[access.Slot]),
        FieldStorage.Owner => (t, _) => t.OwnerIndex >= 0,
        FieldStorage.Mitigation => (t, _) => t.Mitigation != 0,
        FieldStorage.Level => (t, _) => t.Level > 0,
        FieldStorage.Monitoring => (t, _) => (t.Flags & TicketFlags.Monitoring) != 0,
        FieldStorage.Created => (_, _) => true,
        FieldStorage.Event => (t, _) => t.Times[access.Slot] != Ticket.Never,
        _ => (_, _) => true,
    };

    private TicketPredicate Compare(FieldAccess access, CompareOperator op, string value)
    {
        switch (access.Storage)
        {
            case FieldStorage.Severity:
                var rank = policy.Model.FindSeverity(value)!.Rank;

                // More severe is greater: sev1 (rank 0) > sev2 (rank 1).
                return op switch
                {
                    CompareOperator.Equal => (t, _) => t.SeverityIndex == rank,
                    CompareOperator.NotEqual => (t, _) => t.SeverityIndex != rank,
                    CompareOperator.Greater => (t, _) => t.SeverityIndex < rank,
                    CompareOperator.GreaterOrEqual => (t, _) => t.SeverityIndex <= rank,
                    CompareOperator.Less => (t, _) => t.SeverityIndex > rank,
                    _ => (t, _) => t.SeverityIndex >= rank,
                };
            case FieldStorage.Owner:
                var owner = policy.Model.FindOwner(value)!.Index;
                return op == CompareOperator.Equal ? (t, _) => t.OwnerIndex == owner : (t, _) => t.OwnerIndex != owner;
            case FieldStorage.Mitigation:
                var status = (byte)BuiltIns.MitigationStatuses.IndexOf(value);
                return op == CompareOperator.Equal ? (t, _) => t.Mitigation == status : (t, _) => t.Mitigation != status;
            case FieldStorage.Level:
                var level = long.Parse(value, CultureInfo.InvariantCulture);
                return NumberCompare(op, level, t => t.Level);
            case FieldStorage.Value when access.Field.Type == FieldType.Number:
                var number = long.Parse(value, CultureInfo.InvariantCulture);
                var slot = access.Slot;
                return NumberCompare(op, number, t => NumberValue.Read(t.Values[slot]));
            case FieldStorage.Value:
                compared.Compared(access.Field, value);
                var textSlot = access.Slot;
                return op == CompareOperator.Equal
                    ? (t, _) => string.Equals(t.Values[textSlot], value, StringComparison.Ordinal)
                    : (t, _) => !string.Equals(t.Values[textSlot], value, StringComparison.Ordinal);
            default:
                throw new InvalidOperationException($"field '{access.Field.Name}' cannot be compared");
        }
    }

    private static TicketPredicate NumberCompare(CompareOperator op, long value, Func<Ticket, long?> read) => op switch
    {
        CompareOperator.Equal => (t, _) => read(t) == value,
        CompareOperator.NotEqual => (t, _) => read(t) != value,
        CompareOperator.Less => (t, _) => read(t) < value,
        CompareOperator.LessOrEqual => (t, _) => read(t) <= value,
        CompareOperator.Greater => (t, _) => read(t) > value,
        _ => (t, _) => read(t) >= value,
    };

    private TicketPredicate Older(FieldAccess access, DurationModel age)
    {
        var threshold = OlderThreshold(access, age);
        return (t, now) => threshold(t) is { } at && now >= at;
    }

    /// <summary>The instant from which `FIELD older than AGE` holds, or null when the field has no time.</summary>
    private Func<Ticket, long?> OlderThreshold(FieldAccess access, DurationModel age)
    {
        var calendar = age is BusinessDuration b ? policy.Calendar(b.Calendar) : null;
        Func<Ticket, long?> time = access.Storage switch
        {
            // An event that never happened is measured from the ticket's creation.
            FieldStorage.Event => t => t.Times[access.Slot] == Ticket.Never ? t.CreatedMs : t.FromOffset(t.Times[access.Slot]),
            FieldStorage.Created => t => t.CreatedMs,
            _ => t => ParseTime(t.Values[access.Slot]),
        };
        return t => time(t) is { } since ? TimeArithmetic.Add(since, age, policy.CalendarFor(t, age, calendar), null) : null;
    }

    /// <summary>Flag values: true, yes, 1 (any case) are raised; anything else is not.</summary>
    internal static bool IsTrue(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase) || value == "1");

    /// <summary>True when a time field's value is an ISO 8601 instant with an offset or Z.</summary>
    internal static bool IsTime(string value) => OffsetDateTimePattern.ExtendedIso.Parse(value).Success;

    /// <summary>
    /// Time field values are ISO 8601 instants with an offset or Z. A time after 2199 counts as no
    /// time (some tools write 9999-12-31 for "none"); one before 1970 as 1970-01-01.
    /// </summary>
    internal static long? ParseTime(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(value);
        if (!parsed.Success)
        {
            return null;
        }

        // A time past what an instant holds (9999-12-31T23:00:00-05:00) is after 2199 or before 1970 too.
        if (EventTimes.ToInstant(parsed.Value) is not { } at)
        {
            return parsed.Value.Year > 0 ? null : EventTimes.Earliest.ToUnixTimeMilliseconds();
        }

        return at >= EventTimes.End ? null : Math.Max(at.ToUnixTimeMilliseconds(), EventTimes.Earliest.ToUnixTimeMilliseconds());
    }
}
