namespace EscalationDsl.Runtime.Compilation;

/// <summary>
/// A condition that time alone may change (<c>older than</c>, <c>during</c>), as written, with when it may
/// next change: the recheck of time-dependent conditions is the earliest of these, and the state names
/// the ones due then.
/// </summary>
/// <param name="Text">Where it is written and the condition: <c>rule sev1_emea when during emea</c>, <c>pause sla while ...</c>.</param>
/// <param name="Wake">When the condition may next change by time alone.</param>
internal sealed record TimedCondition(string Text, TicketWake Wake);
