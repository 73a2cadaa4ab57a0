using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace EscalationDsl.Engine.Api;

/// <summary>
/// API keys are configured as hashes (<c>sha256:HEX</c>), never in clear; requests send the key as
/// <c>Authorization: Bearer KEY</c> and are compared in constant time. Keys are never logged.
/// </summary>
public sealed class ApiKeys
{
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private readonly byte[][] hashes;

    /// <summary>Takes the configured hashes, checked beforehand with <see cref="Problem"/> (EngineSettings does).</summary>
    /// <exception cref="ArgumentException">A hash is malformed.</exception>
    public ApiKeys(IEnumerable<string> configured)
    {
        hashes = configured.Select((h, i) => Parse(h, i)).ToArray();
    }

    /// <summary>How many keys are configured.</summary>
    public int Count => hashes.Length;

    /// <summary>The hash to configure for a key: <c>sha256:</c> and 64 hex digits.</summary>
    public static string Hash(string key) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>
    /// A new random key: <c>esc_</c> and 32 random bytes in base64url. The prefix tells a leaked key
    /// for what it is and keeps a key from starting with '-', which a command line takes for an option.
    /// </summary>
    public static string Generate() => "esc_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>True when the Authorization header carries one of the keys.</summary>
    public bool Accepts(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization["Bearer ".Length..].Trim()));
        var ok = false;
        foreach (var hash in hashes)
        {
            ok |= CryptographicOperations.FixedTimeEquals(hash, presented);
        }

        return ok;
    }

    /// <summary>
    /// Why no request could present this key, or null when one can: <c>esc hash-key</c> refuses such a key, and the
    /// engine a key file holding one. <see cref="Accepts"/> trims what it is sent, a header carries no control
    /// character, and the server reads a header as UTF-8, answering 400 to bytes that are not UTF-8: read from a file
    /// or standard input, such bytes are U+FFFD (which is refused too, as the one character they all read as).
    /// </summary>
    public static string? Unsendable(string key) =>
        key.Trim() != key ? "starts or ends with white space, which the engine trims from the key it is sent"
        : key.Any(c => char.IsControl(c) && c != '\t') ? "holds a control character (such as a line break), which an Authorization header cannot carry"
        : key.Contains(NotUtf8) ? NotUtf8Reason
        : null;

    /// <summary>What bytes that are not UTF-8 read as.</summary>
    public const char NotUtf8 = '\uFFFD';

    /// <summary>Why a key holding <see cref="NotUtf8"/> is refused.</summary>
    public const string NotUtf8Reason = "holds bytes that are not UTF-8 (read as '\uFFFD'), which a request cannot carry (the engine answers it 400 Bad Request)";

    /// <summary>What is wrong with a configured hash, or null when it is a valid <c>sha256:HEX</c>.</summary>
    public static string? Problem(string configured)
    {
        var text = configured.Trim();
        if (!text.StartsWith("sha256:", StringComparison.Ordinal) || text.Length != 7 + 64)
        {
            return "must be 'sha256:' and 64 hex digits (run `esc hash-key` to make one); keys are not configured in clear";
        }

        return text.AsSpan(7).ContainsAnyExcept(HexDigits) ? $"'{text[..7]}...' holds characters that are not hex digits" : null;
    }

    private static byte[] Parse(string configured, int index) =>
        Problem(configured) is { } problem
            ? throw new ArgumentException($"Engine:ApiKeys:{index}: {problem}", nameof(configured))
            : Convert.FromHexString(configured.Trim()[7..]);
}
