using System.Globalization;
using System.Text;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Diagnostics;

/// <summary>
/// Renders diagnostics the way rustc does: a <c>path:line:col: level[CODE]: message</c> line,
/// the source line and a caret underline. ANSI colour only when asked for.
/// </summary>
public static class DiagnosticFormatter
{
    private const string Reset = "\u001b[0m";
    private const string Bold = "\u001b[1m";
    private const string Blue = "\u001b[1;34m";

    /// <summary>The first line alone: <c>path:line:col: error[ESC2003]: message</c>.</summary>
    public static string FormatHeadline(SourceText source, Diagnostic diagnostic)
    {
        var position = source.GetPosition(diagnostic.Span.Start);
        return string.Create(CultureInfo.InvariantCulture, $"{source.Path}:{position.Line}:{position.Column}: {LevelName(diagnostic.Level)}[{diagnostic.Code}]: {diagnostic.Message}");
    }

    /// <summary>The full rendering: headline, source line with caret underline, and the help link.</summary>
    public static string Format(SourceText source, Diagnostic diagnostic, bool color)
    {
        var position = source.GetPosition(diagnostic.Span.Start);
        var lineText = source.GetLineText(position.Line);
        var gutter = position.Line.ToString(CultureInfo.InvariantCulture);
        var pad = new string(' ', gutter.Length);

        // Underline the part of the span on its first line (at least one caret).
        var lineEnd = source.GetOffset(new LinePosition(position.Line, 1)) + lineText.Length;
        var spanEnd = Math.Min(diagnostic.Span.End, lineEnd);
        var width = Math.Max(1, spanEnd - diagnostic.Span.Start);
        var indent = ExpandTabs(lineText[..Math.Min(position.Column - 1, lineText.Length)]).Length;

        var levelColor = diagnostic.Level switch
        {
            DiagnosticLevel.Error => "\u001b[1;31m",
            DiagnosticLevel.Warning => "\u001b[1;33m",
            _ => "\u001b[1;36m",
        };
        string Paint(string text, string code) => color ? code + text + Reset : text;

        var sb = new StringBuilder();
        sb.Append(Paint($"{source.Path}:{position.Line}:{position.Column}: ", Bold))
          .Append(Paint($"{LevelName(diagnostic.Level)}[{diagnostic.Code}]", levelColor))
          .Append(Paint($": {diagnostic.Message}", Bold))
          .Append('\n');
        sb.Append(Paint($"{pad} |", Blue)).Append('\n');
        var (shown, caretAt, carets) = Window(ExpandTabs(lineText), indent, width);
        sb.Append(Paint($"{gutter} |", Blue)).Append(' ').Append(shown).Append('\n');
        sb.Append(Paint($"{pad} |", Blue)).Append(' ').Append(new string(' ', caretAt)).Append(Paint(new string('^', carets), levelColor)).Append('\n');
        sb.Append(Paint($"{pad} = ", Blue)).Append("help: ").Append(diagnostic.HelpLink).Append('\n');
        sb.Append('\n');
        return sb.ToString();
    }

    /// <summary>The level as it appears in output: error, warning or info.</summary>
    public static string LevelName(DiagnosticLevel level) => level switch
    {
        DiagnosticLevel.Error => "error",
        DiagnosticLevel.Warning => "warning",
        _ => "info",
    };

    /// <summary>Longest source line shown whole; a longer one is shown around the caret, cut with '…'.</summary>
    private const int MaxShown = 160;

    /// <summary>The part of a long line to show, where its carets start and how many there are.</summary>
    private static (string Shown, int CaretAt, int Carets) Window(string line, int indent, int width)
    {
        if (line.Length <= MaxShown)
        {
            return (line, indent, width);
        }

        var start = Math.Clamp(indent - MaxShown / 2, 0, line.Length - MaxShown);
        var end = start + MaxShown;
        var before = start > 0 ? "…" : string.Empty;
        var after = end < line.Length ? "…" : string.Empty;
        return (before + line[start..end] + after, indent - start + before.Length, Math.Clamp(end - indent, 1, width));
    }

    private static string ExpandTabs(string text) => text.Replace("\t", "    ", StringComparison.Ordinal);
}
