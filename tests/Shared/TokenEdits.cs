using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EscalationDsl.Tests;

/// <summary>What the robustness and fuzz tests share: token-level edits, each described for the failure message, and how they show text and seed.</summary>
internal static partial class TokenEdits
{
    /// <summary>The shipped policies' file names (policies/*.esc), each a case of the mutation tests.</summary>
    public static TheoryData<string> ShippedPolicies() =>
        new(Directory.GetFiles(RepoPaths.Policies, "*.esc").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    /// <summary>Policy text as tokens: runs of blanks, words (names, numbers, durations), strings, and single characters; concatenated they give the text back.</summary>
    public static List<string> Tokenize(string text) => Tokens().Matches(text).Select(m => m.Value).ToList();

    /// <summary>
    /// Applies edit <paramref name="kind"/> (0 delete, 1 duplicate, 2 swap, 3 insert a word of
    /// <paramref name="vocabulary"/>) at token <paramref name="at"/>; false for any other kind, left to the caller.
    /// </summary>
    public static bool TryApply(int kind, int at, List<string> tokens, Random random, string[] vocabulary, List<string> edits)
    {
        switch (kind)
        {
            case 0:
                edits.Add($"delete token {at}");
                tokens.RemoveAt(at);
                return true;
            case 1:
                edits.Add($"duplicate token {at}");
                tokens.Insert(at, tokens[at]);
                return true;
            case 2:
                var other = random.Next(tokens.Count);
                edits.Add($"swap tokens {at} and {other}");
                (tokens[at], tokens[other]) = (tokens[other], tokens[at]);
                return true;
            case 3:
                var word = vocabulary[random.Next(vocabulary.Length)];
                edits.Add($"insert '{word.Replace("\n", "\\n", StringComparison.Ordinal)}' at token {at}");
                tokens.Insert(at, word);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The text as a C# literal, shortened in the middle when long; every character outside printable ASCII escaped.</summary>
    public static string Literal(string text)
    {
        if (text.Length > 4_000)
        {
            text = text[..2_000] + "…" + text[^2_000..];
        }

        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                >= ' ' and <= '~' => c.ToString(),
                _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            });
        }

        return sb.Append('"').ToString();
    }

    /// <summary>A seed from a name that is the same in every process (string.GetHashCode is randomised per process).</summary>
    public static int StableSeed(string name) => name.Aggregate(17, (h, c) => unchecked(h * 31 + c));

    [GeneratedRegex("""\s+|[A-Za-z0-9_:.\-]+|"[^"\r\n]*"?|.""", RegexOptions.Singleline)]
    private static partial Regex Tokens();
}
