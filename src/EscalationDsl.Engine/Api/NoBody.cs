using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace EscalationDsl.Engine.Api;

/// <summary>
/// The operations that take no body (a migration, a reload). A body sent to one is refused rather than
/// ignored: a client that sends <c>{"version": 3}</c> to a migration expects it to be read. No body, one
/// of white space, and an empty JSON object (what some clients send for a POST without data) are none.
/// </summary>
internal static class NoBody
{
    /// <summary>Longer than any empty object with white space around it; a body that fills it is refused unread.</summary>
    private const int Enough = 4096;

    /// <summary>The problem of a request that has a body, or null (the body is read).</summary>
    /// <param name="request">The request.</param>
    /// <param name="operation">The operation, for the message: <c>POST /v1/policies:reload</c>.</param>
    /// <param name="does">What the operation does, for the message: "it re-reads the policy folder".</param>
    public static async Task<IResult?> CheckAsync(HttpRequest request, string operation, string does)
    {
        var buffer = new byte[Enough];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                length += read;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            length = buffer.Length;
        }

        // A body that fills the buffer is refused unread, even when all of that is white space (content may follow).
        var body = buffer.AsSpan(0, length).Trim(" \t\r\n"u8);
        if (body.IsEmpty && length < buffer.Length)
        {
            return null;
        }

        string? member = null;
        if (length < buffer.Length)
        {
            member = FirstMember(body, out var empty);
            if (empty)
            {
                return null;
            }
        }

        var takesNone = $"{operation} takes no body ({does}); send the request without one.";
        return member is null
            ? Problems.BadRequest(takesNone)
            : Problems.BadRequest($"'{member}' is not read: {takesNone}", member);
    }

    /// <summary>The name of the first member when the body is a JSON object; <paramref name="empty"/> when it is one without members.</summary>
    private static string? FirstMember(ReadOnlySpan<byte> body, out bool empty)
    {
        empty = false;
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !reader.Read())
            {
                return null;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                empty = !reader.Read() && reader.BytesConsumed == body.Length;
                return null;
            }

            return reader.TokenType == JsonTokenType.PropertyName && EscalationDsl.Language.Text.JsonText.TryGet(ref reader, out var name) ? name : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
