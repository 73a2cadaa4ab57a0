namespace EscalationDsl.Simulation.Reporting;

/// <summary>A text value of the input the policy will never match, and how often it was set.</summary>
/// <param name="Field">The field (<c>status</c>, <c>issue_type</c> or a declared text field).</param>
/// <param name="Value">The value as the events set it.</param>
/// <param name="DidYouMean">The values the policy compares the field with that it is one letter off.</param>
/// <param name="Events">Events that set it.</param>
/// <param name="FirstRow">The row (line) of the first of them.</param>
public sealed record MisspeltValueRow(string Field, string Value, IReadOnlyList<string> DidYouMean, long Events, long FirstRow);
