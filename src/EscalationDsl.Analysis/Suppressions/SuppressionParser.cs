using System.Collections.Immutable;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Analysis.Suppressions;

/// <summary>Finds the suppression comments of a policy in <c>SemanticModel.Syntax.Comments</c>.</summary>
public static class SuppressionParser
{
    /// <summary>
    /// Every comment that starts with <c>esc-disable-next-line</c> (after the <c>#</c> and spaces).
    /// The word after the directive lists rules separated by commas (no spaces); the rest of the
    /// comment, with a leading <c>--</c> dropped, is the reason.
    /// </summary>
    public static ImmutableArray<Suppression> Parse(SemanticModel model)
    {
        var result = ImmutableArray.CreateBuilder<Suppression>();
        foreach (var comment in model.Syntax.Comments)
        {
            var text = comment.Text;
            var i = 0;
            while (i < text.Length && (text[i] == '#' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            if (string.CompareOrdinal(text, i, Suppression.Directive, 0, Suppression.Directive.Length) != 0)
            {
                continue;
            }

            i += Suppression.Directive.Length;
            if (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                continue; // a longer word such as esc-disable-next-lines is not the directive
            }

            i = SkipSpaces(text, i);
            var listStart = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var rules = ImmutableArray.CreateBuilder<(string, TextSpan)>();
            var start = listStart;
            for (var j = listStart; j <= i; j++)
            {
                if (j == i || text[j] == ',')
                {
                    if (j > start)
                    {
                        rules.Add((text[start..j], new TextSpan(comment.Span.Start + start, j - start)));
                    }

                    start = j + 1;
                }
            }

            var reason = text[SkipSpaces(text, i)..].Trim();
            if (reason.StartsWith("--", StringComparison.Ordinal))
            {
                reason = reason[2..].Trim();
            }

            var line = model.Source.GetPosition(comment.Span.Start).Line;
            result.Add(new Suppression(comment.Span, line, rules.ToImmutable(), reason.Length == 0 ? null : reason));
        }

        return result.ToImmutable();
    }

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }
}
