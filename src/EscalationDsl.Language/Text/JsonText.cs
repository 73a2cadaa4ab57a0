using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace EscalationDsl.Language.Text;

/// <summary>
/// Strings and member names of parsed JSON as .NET strings. JSON allows an escape such as
/// <c>"\ud800"</c> that leaves half of a UTF-16 surrogate pair, which System.Text.Json parses but
/// cannot turn into a string (it throws); these read such text as a refusal instead.
/// </summary>
public static class JsonText
{
    /// <summary>The string value of a JSON string; false when it holds half a surrogate pair.</summary>
    public static bool TryGet(JsonElement value, [NotNullWhen(true)] out string? text)
    {
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            // The only way System.Text.Json reports an unpaired surrogate escape.
            text = null;
            return false;
        }
    }

    /// <summary>The string or member name the reader is on; false when it holds half a surrogate pair.</summary>
    public static bool TryGet(ref Utf8JsonReader reader, [NotNullWhen(true)] out string? text)
    {
        try
        {
            text = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    /// <summary>A member's name; false when it holds half a surrogate pair.</summary>
    public static bool TryGetName(JsonProperty property, [NotNullWhen(true)] out string? name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = null;
            return false;
        }
    }

    /// <summary>A member's name for a message: the name, or as written (escapes kept) when it is not valid text.</summary>
    public static string NameForMessage(JsonProperty property) =>
        TryGetName(property, out var name) ? name : Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8PropertyName(property));
}
