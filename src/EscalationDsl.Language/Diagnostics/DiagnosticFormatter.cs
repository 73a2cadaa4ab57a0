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
        var gutter = position.Line.ToString(CultureInfo.InvariantCulture);
        var pad = new string(' ', gutter.Length);

        // Only the part of a long line around the caret is read (Window shows at most MaxShown cells of
        // it): copying and scanning the whole line for each diagnostic made many errors on one long
        // line quadratic (12,501 on a 650 KB line took 35 s).
        var line = source.GetLineSpan(position.Line);
        var caret = Math.Clamp(diagnostic.Span.Start, line.Start, line.End);
        var part = line.Length <= 4 * MaxShown ? line
            : TextSpan.FromBounds(Math.Max(line.Start, caret - 2 * MaxShown), Math.Min(line.End, caret + 2 * MaxShown));
        var lineText = source.Slice(part);

        // Underline the part of the span on its first line (at least one caret).
        var spanEnd = Math.Min(diagnostic.Span.End, line.End);
        var width = Math.Max(1, spanEnd - diagnostic.Span.Start);
        var indent = ExpandTabs(lineText[..(caret - part.Start)]).Length;

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
        var (shown, caretAt, carets) = Window(Printable(ExpandTabs(lineText)), indent, width);
        sb.Append(Paint($"{gutter} |", Blue)).Append(' ').Append(shown).Append('\n');

        // The caret line counts terminal cells, not UTF-16 units: '障' takes two cells and a combining accent none.
        var caretCells = Cells(shown.AsSpan(0, caretAt));
        var caretWidth = Math.Max(1, Cells(shown.AsSpan(caretAt, Math.Min(carets, shown.Length - caretAt))));
        sb.Append(Paint($"{pad} |", Blue)).Append(' ').Append(new string(' ', caretCells)).Append(Paint(new string('^', caretWidth), levelColor)).Append('\n');
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

    /// <summary>
    /// The source line as it may be written to a terminal, one character for each: control characters
    /// would act instead of showing (ESC starts escape sequences that clear the screen or recolour
    /// it) and take no cell, and bidirectional overrides would reorder the line around the caret
    /// (rustc replaces both, too). C0 controls and DEL become their Control Pictures (␛), C1
    /// controls and bidirectional controls U+FFFD.
    /// </summary>
    public static string Printable(string line)
    {
        if (!line.Any(NeedsReplacing))
        {
            return line;
        }

        return string.Create(line.Length, line, (chars, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                chars[i] = c switch
                {
                    < ' ' => (char)(0x2400 + c),
                    '\u007F' => '\u2421',
                    _ when NeedsReplacing(c) => '\uFFFD',
                    _ => c,
                };
            }
        });
    }

    /// <summary>
    /// How many terminal cells text takes, as terminals draw it: East Asian wide characters and those
    /// outside the Basic Multilingual Plane (emoji) two, combining marks and zero-width format
    /// characters none, everything else one. An approximation of wcwidth good enough to put a caret.
    /// </summary>
    private static int Cells(ReadOnlySpan<char> text)
    {
        var cells = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            cells += Rune.GetUnicodeCategory(rune) switch
            {
                UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format => 0,
                _ when rune.Value >= 0x10000 || IsWide(rune.Value) => 2,
                _ => 1,
            };
        }

        return cells;
    }

    private static bool IsWide(int c) =>
        c is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0x303E) or (>= 0x3041 and <= 0x33FF) or (>= 0x3400 and <= 0x4DBF)
            or (>= 0x4E00 and <= 0x9FFF) or (>= 0xA000 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6);

    private static bool NeedsReplacing(char c) =>
        c is < ' ' or (>= '\u007F' and <= '\u009F') or '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
