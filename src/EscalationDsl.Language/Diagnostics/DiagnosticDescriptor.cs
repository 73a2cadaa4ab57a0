namespace EscalationDsl.Language.Diagnostics;

/// <summary>The fixed facts about one diagnostic code: its code, a short title and its level.</summary>
/// <param name="Code">Stable code, for example <c>ESC2003</c>.</param>
/// <param name="Title">A short title used in docs indexes and SARIF rule metadata.</param>
/// <param name="Level">The level every diagnostic with this code has.</param>
public sealed record DiagnosticDescriptor(string Code, string Title, DiagnosticLevel Level)
{
    /// <summary>The documentation page of this code, relative to the repository root.</summary>
    public string HelpLink => $"docs/diagnostics/{Code}.md";
}
