using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationDsl.Analysis;
using EscalationDsl.Language.Diagnostics;

namespace EscalationDsl.Cli.Lint;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run whose driver lists every lint
/// rule (and the compiler codes that occur); results carry a relative uri under <c>%SRCROOT%</c>, an
/// exact region and a partial fingerprint that does not depend on the line number.
/// </summary>
internal static class LintSarifFormat
{
    public const string Schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    /// <summary>The key of our fingerprint in <c>partialFingerprints</c>.</summary>
    public const string FingerprintKey = "escLineHash/v1";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(LintReport report)
    {
        var descriptors = Descriptors(report);
        var index = descriptors.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var results = new JsonArray();
        foreach (var f in report.Findings)
        {
            var artifact = new JsonObject { ["uri"] = Uri(f.Path) };
            if (!Path.IsPathRooted(f.Path))
            {
                artifact["uriBaseId"] = "%SRCROOT%";
            }

            results.Add(new JsonObject
            {
                ["ruleId"] = f.Diagnostic.Code,
                ["ruleIndex"] = index[f.Diagnostic.Code],
                ["level"] = Level(f.Diagnostic.Level),
                ["message"] = new JsonObject { ["text"] = f.Diagnostic.Message },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = new JsonObject
                    {
                        ["artifactLocation"] = artifact,
                        ["region"] = new JsonObject
                        {
                            ["startLine"] = f.Start.Line,
                            ["startColumn"] = f.Start.Column,
                            ["endLine"] = f.End.Line,
                            ["endColumn"] = f.End.Column,
                        },
                    },
                }),
                ["partialFingerprints"] = new JsonObject { [FingerprintKey] = f.Fingerprint },
            });
        }

        var driver = new JsonObject
        {
            ["name"] = "esc",
            ["version"] = typeof(LintSarifFormat).Assembly.GetName().Version!.ToString(3),
            ["rules"] = new JsonArray([.. descriptors.Select(d => d.Json)]),
        };
        var sarif = new JsonObject
        {
            ["$schema"] = Schema,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject { ["driver"] = driver },
                ["columnKind"] = "utf16CodeUnits",
                ["results"] = results,
            }),
        };
        return sarif.ToJsonString(Options) + "\n";
    }

    /// <summary>Every lint rule, then the compiler codes that occur in the report.</summary>
    private static List<(string Id, JsonObject Json)> Descriptors(LintReport report)
    {
        var list = LintRuleCatalog.All.Select(r => (r.Code, Rule(r.Code, r.Name, r.Description, r.DefaultLevel, r.HelpLink))).ToList();
        var compiler = report.Findings.Select(f => f.Diagnostic.Code).Where(c => !c.StartsWith("ESL", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal);
        foreach (var code in compiler)
        {
            var d = DiagnosticCatalog.Descriptors.FirstOrDefault(x => x.Code == code);
            list.Add((code, Rule(code, d?.Title ?? code, d?.Title ?? code, d?.Level ?? DiagnosticLevel.Error, d?.HelpLink ?? $"docs/diagnostics/{code}.md")));
        }

        return list;
    }

    private static JsonObject Rule(string id, string name, string description, DiagnosticLevel level, string helpLink) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["shortDescription"] = new JsonObject { ["text"] = description },
        ["fullDescription"] = new JsonObject { ["text"] = description },
        ["help"] = new JsonObject
        {
            ["text"] = $"{description} See {helpLink}.",
            ["markdown"] = $"{description} See [{id}]({helpLink}).",
        },
        ["helpUri"] = helpLink,
        ["defaultConfiguration"] = new JsonObject { ["level"] = Level(level) },
    };

    private static string Level(DiagnosticLevel level) => level switch
    {
        DiagnosticLevel.Error => "error",
        DiagnosticLevel.Warning => "warning",
        _ => "note",
    };

    /// <summary>A relative path as a relative URI reference (each segment escaped); an absolute path as a file URI.</summary>
    private static string Uri(string path) =>
        Path.IsPathRooted(path)
            ? new Uri(path).AbsoluteUri
            : string.Join('/', path.Split('/').Select(System.Uri.EscapeDataString));
}
