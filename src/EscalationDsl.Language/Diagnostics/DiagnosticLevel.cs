namespace EscalationDsl.Language.Diagnostics;

/// <summary>How serious a diagnostic is. Errors make a policy unusable; the others inform.</summary>
public enum DiagnosticLevel
{
    /// <summary>A hint that needs no action.</summary>
    Info,

    /// <summary>Probably a mistake; the policy still works.</summary>
    Warning,

    /// <summary>The policy cannot be used until this is fixed.</summary>
    Error,
}
