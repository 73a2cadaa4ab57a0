using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using EscalationDsl.Runtime.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace EscalationDsl.Engine.Api;

/// <summary>
/// A request body of JSON Lines (<c>application/x-ndjson</c>): one event a line, as the event files
/// <c>esc explain</c> and <c>esc sim</c> read (docs/events.md), so a scenario file can be posted as it
/// is. Lines are split at <c>\n</c>, <c>\r</c> or <c>\r\n</c> and numbered from 1; a blank line or one
/// starting with <c>#</c> is skipped, as the files' readers skip them. Disposing frees the lines' documents.
/// </summary>
internal sealed class JsonLinesBody : IDisposable
{
    /// <summary>The media type of a JSON Lines body.</summary>
    public const string MediaType = "application/x-ndjson";

    private readonly List<JsonDocument> documents = [];

    /// <summary>Each event line's JSON value and its line number.</summary>
    public List<(JsonElement Event, long Line)> Lines { get; } = [];

    /// <summary>Whether the Content-Type is JSON Lines.</summary>
    public static bool Is(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the body within the configured size limit; on bad input, the problem to answer with, naming the line.</summary>
    public static async Task<(JsonLinesBody? Body, IResult? Problem)> ReadAsync(HttpRequest request)
    {
        var (buffer, length, problem) = await JsonBody.ReadBytesAsync(request).ConfigureAwait(false);
        if (buffer is null)
        {
            return (null, problem);
        }

        var body = new JsonLinesBody();
        try
        {
            problem = body.Split(buffer.AsMemory(0, length));
            if (problem is null)
            {
                var read = body;
                body = null; // the caller disposes it
                return (read, null);
            }

            return (null, problem);
        }
        finally
        {
            body?.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private IResult? Split(ReadOnlyMemory<byte> all)
    {
        var rest = all;
        for (long number = 1; ; number++)
        {
            var end = rest.Span.IndexOfAny((byte)'\n', (byte)'\r');
            var line = end < 0 ? rest : rest[..end];

            // A byte order mark, as some Windows tools write, is not part of the line: the body's first, or
            // a later one where two files were joined (as esc explain and esc sim read them).
            line = line.Span.StartsWith("\uFEFF"u8) ? line[3..] : line;
            if (!Skipped(line.Span) && Parse(line, number) is { } problem)
            {
                return problem;
            }

            if (end < 0)
            {
                return null;
            }

            var next = end + (rest.Span[end] == (byte)'\r' && end + 1 < rest.Length && rest.Span[end + 1] == (byte)'\n' ? 2 : 1);
            rest = rest[next..];
        }
    }

    /// <summary>
    /// A blank line (white space of any kind, as <see cref="string.Trim()"/> reads it: a form feed, a no-break space)
    /// or one starting with <c>#</c>, skipped as esc explain and esc sim skip it in an event file.
    /// </summary>
    private static bool Skipped(ReadOnlySpan<byte> line)
    {
        var trimmed = line.Trim(" \t\v\f"u8);
        if (trimmed.IsEmpty || trimmed[0] == (byte)'#')
        {
            return true;
        }

        // Other white space is not ASCII; a line that starts with a byte of such a character is decoded to see.
        if (trimmed[0] < 0x80 || !Utf8.IsValid(trimmed))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(trimmed).AsSpan().Trim();
        return text.IsEmpty || text[0] == '#';
    }

    private IResult? Parse(ReadOnlyMemory<byte> line, long number)
    {
        // Checked first: the parser leaves strings undecoded until they are read (a 500 later).
        if (!Utf8.IsValid(line.Span))
        {
            return Problems.BadRequest($"line {number}: {TicketEventJson.NotUtf8}");
        }

        try
        {
            // The documents read the request's buffer in place until it is returned: each line is copied.
            var document = JsonDocument.Parse(line.ToArray());
            documents.Add(document);
            Lines.Add((document.RootElement, number));
            return null;
        }
        catch (JsonException e)
        {
            return Problems.BadRequest($"line {number}: {JsonLineErrors.Of(Encoding.UTF8.GetString(line.Span), e)}");
        }
    }

    public void Dispose()
    {
        foreach (var document in documents)
        {
            document.Dispose();
        }
    }
}
