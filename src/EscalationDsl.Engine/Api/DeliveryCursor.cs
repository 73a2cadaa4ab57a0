using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace EscalationDsl.Engine.Api;

/// <summary>
/// Where a page of dead letters ended: the last listed delivery's place in the list's order (the time
/// it was dead-lettered, then its decision and sink). Sent to clients as an opaque URL-safe string,
/// so the next page starts after that delivery however many were dead-lettered or retried since.
/// </summary>
internal sealed record DeliveryCursor(long DeadAtUnixMs, string Decision, string Sink)
{
    /// <summary>The opaque text of the cursor (base64url, no padding).</summary>
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{DeadAtUnixMs}\n{Sink}\n{Decision}")));

    /// <summary>The cursor <paramref name="text"/> holds, or null when it is not one <see cref="Encode"/> wrote.</summary>
    public static DeliveryCursor? Decode(string text)
    {
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(text));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return null;
        }

        // The decision comes last: it is the one part that might hold the separator.
        return decoded.Split('\n', 3) is [var at, var sink, var decision]
            && long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            && sink.Length > 0 && decision.Length > 0
            ? new DeliveryCursor(ms, decision, sink)
            : null;
    }
}
