namespace EscalationDsl.Tests;

/// <summary>The token-level edits the robustness and fuzz tests share, each described for the failure message.</summary>
internal static class TokenEdits
{
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
}
