using System.Text.Json;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Input;
using NodaTime;

namespace EscalationDsl.Simulation.Mapping;

/// <summary>
/// Reads mapping files (docs/importers.md) and builds the built-in ServiceNow mapping. Every value a
/// mapping produces is checked against the policy when the file is read, so a typo fails before the
/// first row instead of on every row.
/// </summary>
public static class MappingFile
{
    /// <summary>The timestamp format of the ServiceNow audit log.</summary>
    public const string ServiceNowTimeFormat = "d/M/yyyy HH:mm";

    /// <summary>
    /// Why a state table does not fit the policy, or null when it does: the incident states whose
    /// status the policy's <c>status</c> enum lacks (every row in such a state would be a bad row).
    /// Resolved and closed become events, not statuses, and always fit; new is a status when an
    /// incident goes back to New, so it must fit too.
    /// </summary>
    public static string? UnfitStates(CompiledPolicy policy, IReadOnlyDictionary<string, string> states)
    {
        if (PolicyFacts.EnumValues(policy, "status") is not { } statuses)
        {
            return null;
        }

        var unfit = states.Where(s => s.Value is not ("resolved" or "closed") && !statuses.Contains(s.Value)).ToList();
        if (unfit.Count == 0)
        {
            return null;
        }

        // The example maps the first such state to a status of the policy's own, a waiting one if it has one.
        var open = statuses.Where(s => s is not ("new" or "resolved" or "closed")).ToList();
        var example = open.FirstOrDefault(s => s.StartsWith("awaiting", StringComparison.Ordinal)) ?? open.FirstOrDefault() ?? statuses.First();
        return $"policy '{policy.Name}' has no status for the incident state{(unfit.Count == 1 ? "" : "s")} {string.Join(", ", unfit.Select(s => $"'{s.Key}' (mapped to {s.Value})"))}; "
            + $"its statuses are {string.Join(", ", statuses)}: map each under \"states\" in a mapping file, "
            + $"such as {{ \"import\": \"servicenow\", \"states\": {{ \"{unfit[0].Key}\": \"{example}\" }} }}, and pass it with --map (docs/importers.md)";
    }

    /// <summary>The built-in ServiceNow mapping for a policy (docs/importers.md, "The built-in mapping").</summary>
    public static ServiceNowMapping DefaultServiceNow(CompiledPolicy policy)
    {
        var zone = PolicyFacts.DefaultZone(policy.Model);
        var fields = new List<FieldColumn>();
        if (policy.KnowsField("impact"))
        {
            fields.Add(new FieldColumn("impact", new ValueMap("impact", ranked: PolicyFacts.EnumValues(policy, "impact"))));
        }

        if (PolicyFacts.SettableType(policy, "impact_confirmed") == FieldType.Flag)
        {
            fields.Add(new FieldColumn("impact_confirmed", new ValueMap("u_priority_confirmation")));
        }

        return new ServiceNowMapping
        {
            Layout = new CsvLayout(',', new HashSet<string>(["?"], StringComparer.Ordinal), TimeFormat.Create(ServiceNowTimeFormat, zone, out _)!),
            States = ServiceNowMapping.DefaultStates,
            Severity = new ValueMap("priority", ranked: [.. policy.Model.Severities.Select(s => s.Name)]),
            IssueType = DefaultIssueType(policy, "category"),
            Owner = new ValueMap("assignment_group"),
            Engineering = new ValueMap("assigned_to", hasDefault: true, defaultValue: "true"),
            Fields = fields,
        };
    }

    /// <summary>
    /// Reads a mapping file. <paramref name="import"/> is the <c>--import</c> name when one was given.
    /// Warnings (fields the policy does not declare) are added to <paramref name="warnings"/>.
    /// </summary>
    /// <exception cref="MappingException">The file is not valid JSON or does not fit the policy.</exception>
    public static LoadedMapping Load(string text, string displayName, CompiledPolicy policy, string? import, ICollection<string> warnings)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e) when (e.Message.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal))
        {
            // Only blanks and comments: the reader's own message speaks of "isFinalBlock".
            throw new MappingException($"{displayName}:1:1: the file holds no JSON; a mapping file is an object such as {{ \"ticket\": \"Number\", \"time\": \"Updated\", \"type\": \"Event\" }} (docs/importers.md)");
        }
        catch (JsonException e)
        {
            throw new MappingException($"{displayName}:{JsonErrorPosition.Of(e, displayName, text)}: not valid JSON: {JsonErrorPosition.Reason(e)}");
        }

        using (doc)
        {
            var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
            if (JsonErrorPosition.FirstHalfSurrogate(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) is { } at)
            {
                throw new MappingException($"{displayName}:{JsonErrorPosition.AtByte(displayName, text, utf8, (int)at)}: {JsonErrorPosition.HalfSurrogate}");
            }

            if (JsonErrorPosition.FirstDuplicateName(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) is { } twice)
            {
                throw new MappingException($"{displayName}:{JsonErrorPosition.AtByte(displayName, text, utf8, (int)twice.Offset)}: {JsonErrorPosition.GivenTwice(twice.Name)}");
            }

            var reader = new MappingReader(displayName, policy, warnings);
            return reader.Read(doc.RootElement, import);
        }
    }

    internal static ValueMap? DefaultIssueType(CompiledPolicy policy, string column)
    {
        if (!policy.KnowsField("issue_type"))
        {
            return null;
        }

        // An enum issue_type cannot take the source's own categories: unknown ones become `other`
        // when the policy has it, else no issue type at all.
        return PolicyFacts.EnumValues(policy, "issue_type") is { } values
            ? new ValueMap(column, hasDefault: true, defaultValue: values.Contains("other") ? "other" : null)
            : new ValueMap(column);
    }
}
