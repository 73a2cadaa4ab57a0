using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Unicode;

namespace EscalationDsl.Language.Text;

/// <summary>
/// The text of one policy file with its path (as the user named it) and a line map.
/// Lines end at <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>. A byte order mark at the start is
/// not part of the text.
/// </summary>
public sealed class SourceText
{
    private readonly ImmutableArray<int> lineStarts;

    /// <summary>Creates a source text.</summary>
    /// <param name="path">The path shown in diagnostics, for example <c>policies/support.esc</c> or <c>&lt;stdin&gt;</c>.</param>
    /// <param name="text">The full content; a leading U+FEFF (byte order mark) is dropped.</param>
    public SourceText(string path, string text)
    {
        Path = path;

        // File.ReadAllText drops the mark; text from standard input or the engine's store keeps it.
        // Dropped here, every source reads alike and columns on line 1 do not count it.
        Text = text.StartsWith('\uFEFF') ? text[1..] : text;
        lineStarts = ComputeLineStarts(Text);
    }

    private SourceText(string path, string text, InvalidUtf8? invalidUtf8)
        : this(path, text)
    {
        InvalidUtf8 = invalidUtf8;
    }

    /// <summary>
    /// Decodes a file's bytes as <see cref="File.ReadAllText(string)"/> does (a byte order mark picks
    /// UTF-8, UTF-16 or UTF-32; without one the bytes are UTF-8), and remembers where UTF-8 bytes stop
    /// being text (<see cref="InvalidUtf8"/>) instead of passing the replacement character on silently.
    /// </summary>
    public static SourceText FromBytes(string path, ReadOnlySpan<byte> bytes)
    {
        Encoding? marked = bytes switch
        {
            [0xFF, 0xFE, 0x00, 0x00, ..] => Encoding.UTF32,
            [0x00, 0x00, 0xFE, 0xFF, ..] => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
            [0xFF, 0xFE, ..] => Encoding.Unicode,
            [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
            _ => null,
        };
        if (marked is not null)
        {
            return new SourceText(path, marked.GetString(bytes[marked.Preamble.Length..]));
        }

        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        var nul = bytes[..read].IndexOf((byte)0);
        if (status == OperationStatus.Done && nul < 0)
        {
            return new SourceText(path, new string(chars, 0, written));
        }

        // Up to the first bad byte the strict and the replacing decoder agree, so the offset holds.
        var at = nul >= 0 ? Encoding.UTF8.GetCharCount(bytes[..nul]) : written;
        var text = Encoding.UTF8.GetString(bytes);
        var mark = text.StartsWith('\uFEFF') ? 1 : 0;
        return new SourceText(path, text, new InvalidUtf8(Math.Max(0, at - mark), nul >= 0 ? (byte)0 : bytes[read]));
    }

    /// <summary>
    /// Where the bytes this text was decoded from (<see cref="FromBytes"/>) are not UTF-8 text, or null:
    /// the parser then reports only that (ESC1008).
    /// </summary>
    public InvalidUtf8? InvalidUtf8 { get; }

    /// <summary>The path shown in diagnostics.</summary>
    public string Path { get; }

    /// <summary>The full content.</summary>
    public string Text { get; }

    /// <summary>The number of lines (an empty text has one).</summary>
    public int LineCount => lineStarts.Length;

    /// <summary>The 1-based line and column of an offset; offsets past the end map to the end.</summary>
    public LinePosition GetPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var index = lineStarts.BinarySearch(offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return new LinePosition(index + 1, offset - lineStarts[index] + 1);
    }

    /// <summary>The offset of a 1-based line and column, clamped to the text.</summary>
    public int GetOffset(LinePosition position)
    {
        var line = Math.Clamp(position.Line, 1, lineStarts.Length);
        var start = lineStarts[line - 1];
        return Math.Clamp(start + position.Column - 1, 0, Text.Length);
    }

    /// <summary>The text of a 1-based line, without its line break.</summary>
    public string GetLineText(int line) => Slice(GetLineSpan(line));

    /// <summary>Where a 1-based line is, without its line break.</summary>
    public TextSpan GetLineSpan(int line)
    {
        line = Math.Clamp(line, 1, lineStarts.Length);
        var start = lineStarts[line - 1];
        var end = line < lineStarts.Length ? lineStarts[line] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r'))
        {
            end--;
        }

        return TextSpan.FromBounds(start, end);
    }

    /// <summary>The text covered by a span.</summary>
    public string Slice(TextSpan span) =>
        Text.Substring(Math.Clamp(span.Start, 0, Text.Length), Math.Clamp(span.Length, 0, Text.Length - Math.Clamp(span.Start, 0, Text.Length)));

    private static ImmutableArray<int> ComputeLineStarts(string text)
    {
        var starts = ImmutableArray.CreateBuilder<int>();
        starts.Add(0);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts.ToImmutable();
    }
}
