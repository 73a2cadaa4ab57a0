namespace EscalationDsl.Simulation.Reporting;

/// <summary>
/// The rows a table left out under <c>--top N</c>, folded into one row of the table. Only written
/// when rows were left out.
/// </summary>
/// <typeparam name="TRow">The table's row type.</typeparam>
/// <param name="Rows">How many rows were left out.</param>
/// <param name="Totals">
/// Their counts added up, as a row of the table whose key is <c>(left out)</c>. Shares (escalation rate,
/// SLA compliance) are worked out again from the sums; a ticket that passed through several queues
/// or rules counts in each, as it does in the rows. The load table's peak, peak time and average are
/// those of the largest queue left out, since peaks of different queues do not add up.
/// </param>
public sealed record LeftOut<TRow>(int Rows, TRow Totals);
