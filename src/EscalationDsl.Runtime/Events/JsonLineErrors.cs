using System.Text;
using System.Text.Json;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Runtime.Events;

/// <summary>
/// What esc says about a JSON Lines line that is not one JSON value. The mistakes of a hand-written
/// event file (an event written over several lines, as JSON is usually laid out; events separated by
/// commas, or two on one line; a trailing comma) are said as such, since the reader's words for them ("Expected depth to
/// be zero at the end of the JSON payload", "',' is invalid after a single JSON value") do not say how
/// to fix the line; any other problem is the reader's reason, whole.
/// </summary>
public static class JsonLineErrors
{
    private const string OneLine = "in JSON Lines each event is one whole JSON object on a line of its own (docs/events.md)";

    /// <summary>The message for <paramref name="line"/>, which the JSON reader refused with <paramref name="e"/>.</summary>
    public static string Of(string line, JsonException e)
    {
        var utf8 = Encoding.UTF8.GetBytes(line);

        // Not the final block: a line that ends inside its value makes Read return false, not throw.
        var reader = new Utf8JsonReader(utf8, isFinalBlock: false, state: default);
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth > 0 || reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    continue;
                }

                var rest = line.AsSpan(Encoding.UTF8.GetCharCount(utf8, 0, (int)reader.BytesConsumed)).TrimStart();
                return (reader.TokenType, rest.IsEmpty ? '\0' : rest[0]) switch
                {
                    (JsonTokenType.EndObject, ',') => $"not valid JSON: a ',' after the event's closing '}}'; {OneLine}, with no comma between events",
                    (JsonTokenType.EndObject, not '\0') => $"not valid JSON: more text after the event's closing '}}'; {OneLine}",
                    (JsonTokenType.String, ':') => $"not valid JSON: a member outside its object (is the event written over several lines?); {OneLine}",
                    _ => Reason(utf8, e),
                };
            }
        }
        catch (JsonException)
        {
            return Reason(utf8, e);
        }

        return $"not valid JSON: the line ends before the event is closed (a '}}', ']' or '\"' is missing, or the event is written over several lines); {OneLine}";
    }

    /// <summary>The reader's reason, but a trailing comma (which it says is "not supported in this mode") said as such.</summary>
    private static string Reason(byte[] utf8, JsonException e)
    {
        try
        {
            using var lenient = JsonDocument.Parse(utf8, new JsonDocumentOptions { AllowTrailingCommas = true });
            return "not valid JSON: a ',' with no member after it, before a closing '}' or ']'; remove that comma";
        }
        catch (JsonException)
        {
            return $"not valid JSON: {JsonErrorPosition.Reason(e)}";
        }
    }
}
