using System.Text;

namespace EscalationDsl.Runtime.Graphs;

/// <summary>
/// Text from a policy in a Mermaid label, shown as written. Mermaid reads labels as markup: a
/// <c>;</c> ends the statement, text in angle brackets is taken as HTML, a backslash is dropped and
/// <c>#name;</c> is an entity. Those characters are written as Mermaid's entity codes, which it shows
/// as the characters themselves (checked with Mermaid 12.3 in a browser).
/// </summary>
internal static class MermaidText
{
    /// <summary>
    /// The text with <c># ; &lt; &gt; \</c> as entity codes, in one pass (the codes themselves hold
    /// <c>#</c> and <c>;</c>); with <paramref name="quoted"/> also <c>"</c>, for a label inside quotes.
    /// </summary>
    public static string Escape(string text, bool quoted = false)
    {
        if (text.AsSpan().IndexOfAny(quoted ? "#;<>\\\"" : "#;<>\\") < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '#' => escaped.Append("#35;"),
                ';' => escaped.Append("#59;"),
                '<' => escaped.Append("#lt;"),
                '>' => escaped.Append("#gt;"),
                '\\' => escaped.Append("#92;"),
                '"' when quoted => escaped.Append("#quot;"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
