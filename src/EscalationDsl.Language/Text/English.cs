namespace EscalationDsl.Language.Text;

/// <summary>Small pieces of English for messages.</summary>
public static class English
{
    /// <summary>"an" before a noun that starts with a vowel letter, otherwise "a" (the nouns here are esc's own words: kinds, declarations).</summary>
    public static string Article(string noun) => noun.Length > 0 && "aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";
}
