using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using EscalationDsl.Engine.Processing;
using Microsoft.AspNetCore.Http;

namespace EscalationDsl.Engine.Api;

/// <summary>
/// A request body parsed as JSON. The bytes are read into a pooled buffer that the document uses in
/// place (as <see cref="JsonDocument.ParseAsync(Stream, JsonDocumentOptions, CancellationToken)"/>
/// would), so a malformed body can be read a second time to say where it breaks. Disposing returns
/// the buffer.
/// </summary>
internal sealed class JsonBody : IDisposable
{
    private readonly JsonDocument document;
    private byte[]? buffer;

    private JsonBody(JsonDocument document, byte[] buffer)
    {
        this.document = document;
        this.buffer = buffer;
    }

    public JsonElement Root => document.RootElement;

    /// <summary>Reads the body within the configured size limit; on bad input, the problem to answer with.</summary>
    public static async Task<(JsonBody? Body, IResult? Problem)> ReadAsync(HttpRequest request)
    {
        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.UnsupportedMediaType(type, request.Path));
        }

        var (buffer, length, problem) = await ReadBytesAsync(request).ConfigureAwait(false);
        if (buffer is null)
        {
            return (null, problem);
        }

        try
        {
            // The parser leaves strings undecoded until they are read, so bytes that are not UTF-8 would fail later, as a 500.
            if (!Utf8.IsValid(buffer.AsSpan(0, length)))
            {
                return (null, NotUtf8(buffer.AsSpan(0, length)));
            }

            // A byte order mark, as some Windows tools write, is not part of the JSON.
            var start = buffer.AsSpan(0, length).StartsWith("\uFEFF"u8) ? 3 : 0;
            var body = new JsonBody(JsonDocument.Parse(buffer.AsMemory(start, length - start)), buffer);
            buffer = null; // the body owns it now
            return (body, null);
        }
        catch (JsonException e)
        {
            var json = buffer.AsSpan(0, length);
            return (null, Malformed(json.StartsWith("\uFEFF"u8) ? json[3..] : json, e));
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// Reads the body's bytes within the configured size limit into a buffer rented from
    /// <see cref="ArrayPool{T}.Shared"/>, which the caller returns; first refuses a charset other than
    /// UTF-8 and a compressed body. On bad input, the problem to answer with (and no buffer).
    /// </summary>
    internal static async Task<(byte[]? Buffer, int Length, IResult? Problem)> ReadBytesAsync(HttpRequest request)
    {
        // JSON is UTF-8 (RFC 8259); a body declared in another charset is refused rather than misread.
        // The value may be a quoted string (charset="utf-8"), which names the same charset.
        if (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            && media.Charset.HasValue
            && Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(media.Charset) is var charset
            && !(charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, 0, Problems.From(new EngineError(415, "Unsupported media type", $"Send JSON encoded as UTF-8, not charset={charset}.")));
        }

        // A compressed body would be read as its compressed bytes (RFC 9110, 8.4.1: refuse a coding not understood).
        if (request.Headers.ContentEncoding is { Count: > 0 } coding && !coding.ToString().Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return (null, 0, Problems.From(new EngineError(415, "Unsupported media type", $"Send the JSON without Content-Encoding, not '{coding}'.")));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is > 0 and < 1 << 20 ? (int)request.ContentLength + 1 : 4096);
        var length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            var whole = buffer;
            buffer = null; // the caller owns it now
            return (whole, length, null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, 0, Problems.From(new EngineError(413, "Request too large", "The body is larger than Engine:MaxRequestBytes; split the batch.")));
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Where the JSON breaks: line and byte position (from 1), and the path of the member being read.</summary>
    private static IResult Malformed(ReadOnlySpan<byte> json, JsonException e)
    {
        if (json.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Problems.BadRequest("The body is empty; send JSON (docs/events.md).");
        }

        var path = PathWhereReadingStops(json);
        var where = $"line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}{(path is null ? string.Empty : $" ({path})")}";
        // One JSON value a line is JSON Lines, not one JSON document: say where such a body goes.
        var jsonLines = e.LineNumber > 0 && e.Message.Contains("after a single JSON value", StringComparison.Ordinal)
            ? $"; one event a line is JSON Lines: POST it to /v1/events:batch with Content-Type: {JsonLinesBody.MediaType}"
            : string.Empty;
        return Problems.BadRequest($"The body is not valid JSON at {where}: {e.Message.Split(". ")[0]}{jsonLines}.", path);
    }

    /// <summary>Where the first byte that is not UTF-8 is: line and byte position (from 1), and the path of the member being read.</summary>
    private static IResult NotUtf8(ReadOnlySpan<byte> json)
    {
        var offset = 0;
        while (Rune.DecodeFromUtf8(json[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        var before = json[..offset];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var path = PathWhereReadingStops(before);
        var where = $"line {before.Count((byte)'\n') + 1}, position {offset - lineStart + 1}{(path is null ? string.Empty : $" ({path})")}";
        return Problems.BadRequest($"The body is not valid UTF-8 at {where}; send JSON encoded as UTF-8.", path);
    }

    /// <summary>
    /// The path (<c>events[1].severity</c>) of the member being read where a malformed document stops,
    /// or of the last one read before it; null when it stops before the first member. The reader does
    /// not report the commas between members, so it cannot tell which of the two it is.
    /// </summary>
    private static string? PathWhereReadingStops(ReadOnlySpan<byte> json)
    {
        var open = new List<(bool Array, string? Name, int Index)>();
        var reader = new Utf8JsonReader(json);
        // Where the last token read ends: a reader that throws has moved on already.
        var end = 0;
        var last = JsonTokenType.None;
        try
        {
            while (reader.Read())
            {
                end = (int)reader.BytesConsumed;
                last = reader.TokenType;
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    open[^1] = (false, NameOf(ref reader), -1);
                    continue;
                }

                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    open.RemoveAt(open.Count - 1);
                    continue;
                }

                if (open.Count > 0 && open[^1].Array)
                {
                    open[^1] = open[^1] with { Index = open[^1].Index + 1 };
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    open.Add((reader.TokenType == JsonTokenType.StartArray, null, -1));
                }
            }
        }
        catch (JsonException e)
        {
            // Where the document parse failed too: the path is what was open then, and the member
            // whose name was read when the reader stopped after it (no ':' follows), which the
            // reader never reports as a token.
            if (open.Count > 0 && !open[^1].Array && NameBefore(json, end, last != JsonTokenType.StartObject, Offset(json, e)) is { } name)
            {
                open[^1] = (false, name, -1);
            }
        }

        var path = string.Concat(open.Select(o => o.Array ? (o.Index >= 0 ? $"[{o.Index}]" : string.Empty) : o.Name is null ? string.Empty : "." + o.Name));
        return path.Length == 0 ? null : path.TrimStart('.');
    }

    /// <summary>
    /// The member name that starts at <paramref name="from"/> (after white space, and a comma when
    /// <paramref name="afterMember"/>) and ends before <paramref name="failedAt"/>; else null.
    /// </summary>
    private static string? NameBefore(ReadOnlySpan<byte> json, int from, bool afterMember, int failedAt)
    {
        var rest = json[from..].TrimStart(" \t\r\n"u8);
        if (afterMember)
        {
            if (rest.IsEmpty || rest[0] != (byte)',')
            {
                return null;
            }

            rest = rest[1..].TrimStart(" \t\r\n"u8);
        }

        var start = json.Length - rest.Length;
        var name = new Utf8JsonReader(rest);
        try
        {
            return name.Read() && name.TokenType == JsonTokenType.String && start + name.BytesConsumed <= failedAt ? NameOf(ref name) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The offset in <paramref name="json"/> of the line and byte position a reader error gives.</summary>
    private static int Offset(ReadOnlySpan<byte> json, JsonException e)
    {
        var offset = 0;
        for (var line = 0L; line < e.LineNumber && json[offset..].IndexOf((byte)'\n') is var next and >= 0; line++)
        {
            offset += next + 1;
        }

        return offset + (int)(e.BytePositionInLine ?? 0);
    }

    /// <summary>The member name being read, as written (escapes kept) when it holds half a surrogate pair.</summary>
    private static string NameOf(ref Utf8JsonReader reader) =>
        EscalationDsl.Language.Text.JsonText.TryGet(ref reader, out var name) ? name : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);

    public void Dispose()
    {
        document.Dispose();
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }
}
