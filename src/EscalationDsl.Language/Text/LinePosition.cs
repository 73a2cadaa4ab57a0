namespace EscalationDsl.Language.Text;

/// <summary>
/// A 1-based line and column. Columns count UTF-16 code units from the start of the line,
/// the convention of LSP and of SARIF's default <c>columnKind</c>.
/// </summary>
public readonly record struct LinePosition(int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{Line}:{Column}";
}
