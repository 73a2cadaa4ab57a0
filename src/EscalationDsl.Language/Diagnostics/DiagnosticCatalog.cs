using System.Collections.Immutable;
using System.Reflection;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Diagnostics;

/// <summary>
/// Every diagnostic the parser and binder produce: one descriptor and one factory method per code.
/// ESC1xxx are syntax errors, ESC2xxx semantic errors. Codes are never reused.
/// </summary>
public static partial class DiagnosticCatalog
{
    private static readonly Lazy<ImmutableArray<DiagnosticDescriptor>> AllDescriptors = new(() =>
        typeof(DiagnosticCatalog).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .ToImmutableArray());

    /// <summary>All compiler diagnostic descriptors, ordered by code.</summary>
    public static ImmutableArray<DiagnosticDescriptor> Descriptors => AllDescriptors.Value;

    private static Diagnostic Create(DiagnosticDescriptor descriptor, TextSpan span, string message) =>
        new(descriptor.Code, descriptor.Level, message, span, descriptor.HelpLink);

    /// <summary>Formats a "did you mean" tail from the closest candidates, or lists a few valid names.</summary>
    internal static string Suggest(string name, IEnumerable<string> candidates, string noun, string listLabel = "Declared")
    {
        var all = candidates.Distinct(StringComparer.Ordinal).ToList();
        var closest = NameSuggester.Closest(name, all);
        if (closest.Count > 0)
        {
            return DidYouMean(name, closest);
        }

        if (all.Count == 0)
        {
            return $" No {noun} is declared yet.";
        }

        var shown = all.Order(StringComparer.Ordinal).Take(8).ToList();
        return all.Count > shown.Count
            ? $" {listLabel} {Plural(noun)} include {string.Join(", ", shown)} and {all.Count - shown.Count} more."
            : $" {listLabel} {Plural(noun)}: {string.Join(", ", shown)}.";
    }

    /// <summary>The plural of the nouns used in messages: owners, fields, severities.</summary>
    internal static string Plural(string noun) =>
        noun.Length > 1 && noun[^1] == 'y' && !"aeiou".Contains(noun[^2], StringComparison.Ordinal) ? noun[..^1] + "ies" : noun + "s";

    /// <summary>Only the "did you mean" part: empty when nothing is close.</summary>
    internal static string SuggestClosest(string name, IEnumerable<string> candidates)
    {
        var closest = NameSuggester.Closest(name, candidates.Distinct(StringComparer.Ordinal));
        return closest.Count > 0 ? DidYouMean(name, closest) : string.Empty;
    }

    /// <summary>"Did you mean ...?", saying that case matters when the closest name differs only in case.</summary>
    private static string DidYouMean(string name, IReadOnlyList<string> closest) =>
        string.Equals(name, closest[0], StringComparison.OrdinalIgnoreCase)
            ? $" Did you mean {Quote(closest)}? Names are case-sensitive."
            : $" Did you mean {Quote(closest)}?";

    internal static string Quote(IReadOnlyList<string> names) =>
        names.Count switch
        {
            1 => $"'{names[0]}'",
            2 => $"'{names[0]}' or '{names[1]}'",
            _ => string.Join(", ", names.Take(names.Count - 1).Select(n => $"'{n}'")) + $" or '{names[^1]}'",
        };
}
