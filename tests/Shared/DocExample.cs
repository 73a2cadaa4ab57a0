namespace EscalationDsl.Tests;

/// <summary>
/// An example on a <see cref="DocPage"/>: the command shown, the ```esc input above it (if any), its output
/// block, and whether that block is what the command writes to standard error rather than standard output.
/// </summary>
internal sealed record DocExample(string Command, string? Policy, DocPage.Block Output, bool StandardError = false)
{
    /// <summary>Every ```esc block right above the output, in page order (the last is <see cref="Policy"/>): the files of a command that names several.</summary>
    public IReadOnlyList<string> Policies { get; init; } = Policy is null ? [] : [Policy];

    /// <summary>The output as the page shows it, without trailing blank lines.</summary>
    public string Expected => Output.Body.TrimEnd();

    /// <summary>The command's arguments after <c>esc</c>.</summary>
    public string[] Arguments => Command.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
}
