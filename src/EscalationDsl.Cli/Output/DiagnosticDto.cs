using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Cli.Output;

/// <summary>The JSON shape of one diagnostic: 1-based lines and UTF-16 columns, end exclusive.</summary>
public sealed record DiagnosticDto(
    string Path,
    int Line,
    int Column,
    int EndLine,
    int EndColumn,
    string Level,
    string Code,
    string Message,
    string Help)
{
    /// <summary>Converts a diagnostic found in <paramref name="source"/>.</summary>
    public static DiagnosticDto From(SourceText source, Diagnostic d)
    {
        var start = source.GetPosition(d.Span.Start);
        var end = source.GetPosition(d.Span.End);
        return new DiagnosticDto(source.Path, start.Line, start.Column, end.Line, end.Column,
            DiagnosticFormatter.LevelName(d.Level), d.Code, d.Message, d.HelpLink);
    }
}
