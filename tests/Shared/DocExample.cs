namespace EscalationDsl.Tests;

/// <summary>An example on a <see cref="DocPage"/>: the command shown, the ```esc input above it (if any) and its output block.</summary>
internal sealed record DocExample(string Command, string? Policy, DocPage.Block Output)
{
    /// <summary>The output as the page shows it, without trailing blank lines.</summary>
    public string Expected => Output.Body.TrimEnd();

    /// <summary>The command's arguments after <c>esc</c>.</summary>
    public string[] Arguments => Command.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
}
