using System.Text;
using System.Text.Json;

namespace EscalationDsl.Language.Text;

/// <summary>
/// Where a JSON file esc reads (a lint configuration, the engine's appsettings.json) stops being
/// valid JSON, as esc reports positions everywhere: 1-based line and UTF-16 column. System.Text.Json
/// counts lines from 0 and columns in bytes from 0.
/// </summary>
public static class JsonErrorPosition
{
    /// <summary>The reader's message on one line, without its 0-based "LineNumber: 0 | BytePositionInLine: 0." tail.</summary>
    public static string Reason(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var message = e.Message;
        var tail = message.IndexOf(" LineNumber:", StringComparison.Ordinal);

        // The reader quotes the text it choked on, line breaks included: a message stays one line.
        return string.Join(' ', (tail < 0 ? message : message[..tail]).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.', ' ');
    }

    /// <summary>The position of the syntax error <paramref name="e"/> in <paramref name="json"/>.</summary>
    public static LinePosition Of(JsonException e, string path, string json)
    {
        ArgumentNullException.ThrowIfNull(e);
        var utf8 = Encoding.UTF8.GetBytes(json);
        var lineStart = 0;
        for (var line = 0; line < (e.LineNumber ?? 0) && lineStart < utf8.Length; line++)
        {
            var next = Array.IndexOf(utf8, (byte)'\n', lineStart);
            lineStart = next < 0 ? utf8.Length : next + 1;
        }

        return AtByte(path, json, utf8, (int)Math.Min(utf8.Length, lineStart + (e.BytePositionInLine ?? 0)));
    }

    /// <summary>What esc says about a string or name that holds half a UTF-16 surrogate pair.</summary>
    public const string HalfSurrogate = "not valid text: an escape such as \\ud800 leaves half of a UTF-16 surrogate pair";

    /// <summary>
    /// The byte offset of the first string or member name whose escapes leave half a UTF-16
    /// surrogate pair (<c>"\ud800"</c>): valid JSON that System.Text.Json cannot turn into a string
    /// (it throws when asked). Null when there is none, or when the text is not valid JSON at all
    /// (the caller's parse reports that).
    /// </summary>
    public static long? FirstHalfSurrogate(ReadOnlySpan<byte> utf8, JsonReaderOptions options)
    {
        var reader = new Utf8JsonReader(utf8, options);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && !JsonText.TryGet(ref reader, out _))
                {
                    return reader.TokenStartIndex;
                }
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    /// <summary>What esc says about a member name given twice in one object (<see cref="FirstDuplicateName"/>).</summary>
    public static string GivenTwice(string name) => $"'{name}' is given twice in the same object; keep one (the last would silently win)";

    /// <summary>
    /// The byte offset and name of the first member whose name an earlier member of the same object
    /// already has (<c>{ "time": "a", "time": "b" }</c>): valid JSON in which the last one would
    /// silently win. Null when there is none, or when the text is not valid JSON at all. Names are
    /// compared with <paramref name="comparer"/>: ordinal, unless the reader of the file ignores case.
    /// </summary>
    public static (long Offset, string Name)? FirstDuplicateName(ReadOnlySpan<byte> utf8, JsonReaderOptions options, StringComparer? comparer = null)
    {
        var reader = new Utf8JsonReader(utf8, options);
        var objects = new Stack<HashSet<string>?>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        objects.Push(new HashSet<string>(comparer ?? StringComparer.Ordinal));
                        break;
                    case JsonTokenType.StartArray:
                        objects.Push(null);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        objects.Pop();
                        break;
                    case JsonTokenType.PropertyName when JsonText.TryGet(ref reader, out var name) && !objects.Peek()!.Add(name):
                        return (reader.TokenStartIndex, name);
                }
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    /// <summary>The position of a byte offset into the UTF-8 form of <paramref name="json"/>.</summary>
    public static LinePosition AtByte(string path, string json, byte[] utf8, int byteOffset)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        var source = new SourceText(path, json);

        // SourceText drops a leading byte order mark, so the offset does not count it either.
        return source.GetPosition(Encoding.UTF8.GetCharCount(utf8, 0, byteOffset) - (json.Length - source.Text.Length));
    }
}
