using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Cli.Lint;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run whose driver lists every lint
/// rule (and the compiler codes that occur); results carry a relative uri under <c>%SRCROOT%</c> (the
/// working directory, given in <c>originalUriBaseIds</c>), an exact region and a partial fingerprint
/// that does not depend on the line number; a policy read from standard input is an entry of
/// <c>run.artifacts</c> instead of a uri. The rules are <see cref="LintSarifRules"/>.
/// </summary>
internal static partial class LintSarifFormat
{
    public const string Schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    /// <summary>The key of our fingerprint in <c>partialFingerprints</c>.</summary>
    public const string FingerprintKey = "escLineHash/v1";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Renders the report; <paramref name="helpUriBase"/> is where the repository's files are published,
    /// or null; <paramref name="workingDirectory"/> is what relative file URIs are relative to (<c>%SRCROOT%</c>).
    /// </summary>
    public static string Render(LintReport report, Uri? helpUriBase, string workingDirectory)
    {
        var descriptors = LintSarifRules.Descriptors(report, helpUriBase);
        var index = descriptors.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var standardInput = report.Findings.Concat(report.SuppressedFindings.Select(s => s.Finding))
            .Select(f => f.Source)
            .Where(s => s.Path == PolicyInputs.StandardInputPath)
            .Distinct()
            .ToList();
        var results = new JsonArray();
        foreach (var f in report.Findings)
        {
            results.Add(Result(f, index, standardInput));
        }

        // Suppressed findings are results too, marked as suppressed in the source: code scanning then
        // shows a finding someone suppressed as dismissed, with the comment's reason, not as fixed.
        foreach (var (f, reason) in report.SuppressedFindings)
        {
            var suppression = new JsonObject { ["kind"] = "inSource" };
            if (reason is not null)
            {
                suppression["justification"] = reason;
            }

            var result = Result(f, index, standardInput);
            result["suppressions"] = new JsonArray(suppression);
            results.Add(result);
        }

        var version = typeof(LintSarifFormat).Assembly.GetName().Version!.ToString(3);
        var driver = new JsonObject
        {
            ["name"] = "esc",
            ["version"] = version,
            ["semanticVersion"] = version,
            ["rules"] = new JsonArray([.. descriptors.Select(d => d.Json)]),
        };
        if (helpUriBase is not null)
        {
            driver["informationUri"] = new Uri(helpUriBase, "docs/rules/README.md").AbsoluteUri;
        }

        var run = new JsonObject
        {
            ["tool"] = new JsonObject { ["driver"] = driver },

            // esc writes a log only once every input is linted (usage trouble stops it before, with no
            // log), so a log is of a run that succeeded, whatever it found.
            ["invocations"] = new JsonArray(new JsonObject { ["executionSuccessful"] = true }),
            ["originalUriBaseIds"] = new JsonObject
            {
                ["%SRCROOT%"] = new JsonObject
                {
                    ["uri"] = FolderUri(workingDirectory),
                    ["description"] = new JsonObject { ["text"] = "The working directory of esc lint: relative file URIs are relative to it." },
                },
            },
        };
        if (standardInput.Count > 0)
        {
            run["artifacts"] = new JsonArray([.. standardInput.Select((source, i) => new JsonObject
            {
                ["location"] = StandardInputLocation(i),
                ["roles"] = new JsonArray("analysisTarget"),
                ["contents"] = new JsonObject { ["text"] = source.Text },
            })]);
        }

        run["columnKind"] = "utf16CodeUnits";
        run["results"] = results;
        var sarif = new JsonObject
        {
            ["$schema"] = Schema,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(run),
        };
        return sarif.ToJsonString(Options) + "\n";
    }

    /// <summary>One finding as a SARIF result: rule, level, message, exact region and fingerprint.</summary>
    private static JsonObject Result(LintFinding f, Dictionary<string, int> index, List<SourceText> standardInput)
    {
        JsonObject artifact;
        if (f.Path == PolicyInputs.StandardInputPath)
        {
            artifact = StandardInputLocation(standardInput.IndexOf(f.Source));
        }
        else
        {
            artifact = new JsonObject { ["uri"] = Uri(f.Path) };
            if (!Path.IsPathRooted(f.Path))
            {
                artifact["uriBaseId"] = "%SRCROOT%";
            }
        }

        return new JsonObject
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
        };
    }

    /// <summary>
    /// Where a policy read from standard input is: no file, so no <c>uri</c> (a made-up one under
    /// <c>%SRCROOT%</c> named a file that does not exist), but the index of its entry in
    /// <c>run.artifacts</c>, which describes it and holds its text, so the regions can be read.
    /// </summary>
    private static JsonObject StandardInputLocation(int artifact) => new()
    {
        ["index"] = artifact,
        ["description"] = new JsonObject { ["text"] = "Standard input (esc lint -), not a file." },
    };

    /// <summary>A level as SARIF names it.</summary>
    internal static string Level(DiagnosticLevel level) => level switch
    {
        DiagnosticLevel.Error => "error",
        DiagnosticLevel.Warning => "warning",
        _ => "note",
    };

    /// <summary>A relative path as a relative URI reference; an absolute path as a file URI.</summary>
    private static string Uri(string path) =>
        Path.IsPathRooted(path) ? FileUri(path) : EscapedSegments(path);

    /// <summary>
    /// An absolute path as a file URI, each segment escaped as in a relative one: <c>new Uri(path)</c>
    /// took an escape in a name for one (a folder <c>a%41</c> became <c>file:///a</c>… <c>A</c>).
    /// </summary>
    /// <summary>A folder's file URI, ending in one '/' (the root, <c>file:///</c>, too).</summary>
    private static string FolderUri(string fullPath) => FileUri(Path.TrimEndingDirectorySeparator(fullPath)) is var uri && uri.EndsWith('/') ? uri : uri + "/";

    private static string FileUri(string fullPath)
    {
        var path = EscapedSegments(fullPath.Replace(Path.DirectorySeparatorChar, '/'));
        return "file://" + (path.StartsWith('/') ? path : "/" + path);
    }

    /// <summary>A path with '/' between its segments, each escaped; a drive (<c>C:</c>) stays as it is.</summary>
    private static string EscapedSegments(string path) =>
        string.Join('/', path.Split('/').Select((segment, i) => i == 0 && Drive().IsMatch(segment) ? segment : System.Uri.EscapeDataString(segment)));

    [GeneratedRegex("^[A-Za-z]:$")]
    private static partial Regex Drive();
}
