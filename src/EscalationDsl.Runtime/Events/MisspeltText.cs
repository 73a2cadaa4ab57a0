using EscalationDsl.Language.Text;

namespace EscalationDsl.Runtime.Events;

/// <summary>
/// A text value an event sets that is probably a misspelling of a value the policy's conditions compare
/// the field with (<see cref="ComparedTexts"/>): it is taken as written, so what it was meant for does not happen.
/// </summary>
/// <param name="Field">The field: <c>status</c>, <c>issue_type</c> or a declared text field.</param>
/// <param name="Member">Where the event holds it: <c>status</c>, <c>issue_type</c> or <c>fields.NAME</c>.</param>
/// <param name="Value">The value as the event sets it.</param>
/// <param name="Meant">The compared values it is one letter off, in ordinal order.</param>
public sealed record MisspeltText(string Field, string Member, string Value, IReadOnlyList<string> Meant)
{
    /// <summary>
    /// The warning, one line: <c>status 'awaiting customer' is none of the values policy support names for
    /// status, and a text value is taken as written; did you mean awaiting_customer?</c>
    /// </summary>
    public string Message(string policy) =>
        $"{Field} '{OneLine.Of(Value)}' is none of the values policy {policy} names for {Field}, and a text value is taken as written; did you mean {string.Join(" or ", Meant)}?";
}
