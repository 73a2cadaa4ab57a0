namespace EscalationDsl.Simulation.Reporting;

/// <summary>
/// Text values of the input's events that the policy will never match: one letter (or letter case) off
/// a value its conditions compare the field with (<c>awaiting customer</c> for
/// <c>status == awaiting_customer</c>), so replayed as written, the pause or rule they were meant for
/// does not happen.
/// </summary>
/// <param name="Values">How many different (field, value) pairs.</param>
/// <param name="Events">How many events set one.</param>
/// <param name="Top">The most frequent, at most 15: the most events first, then by field and value.</param>
public sealed record MisspeltValues(int Values, long Events, IReadOnlyList<MisspeltValueRow> Top);
