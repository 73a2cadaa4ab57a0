using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EscalationDsl.Cli.Lint;
using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>The SARIF output has what GitHub code scanning and the SARIF 2.1.0 schema require.</summary>
public sealed class LintSarifTests
{
    private static JsonNode Sarif(params string[] extra)
    {
        var result = Esc.Run(["lint", "policies/", "tests/Baselines/Lint/policy.esc", "--format", "sarif", .. extra]);
        result.ExitCode.ShouldBe(1, result.Error);
        return JsonNode.Parse(result.Out)!;
    }

    [Fact]
    public void LogHasSchemaVersionAndOneRunOfEsc()
    {
        var sarif = Sarif();

        sarif["$schema"]!.GetValue<string>().ShouldEndWith("sarif-schema-2.1.0.json");
        sarif["version"]!.GetValue<string>().ShouldBe("2.1.0");
        sarif["runs"]!.AsArray().Count.ShouldBe(1);
        sarif["runs"]![0]!["tool"]!["driver"]!["name"]!.GetValue<string>().ShouldBe("esc");
    }

    [Fact]
    public void RunSaysItSucceededWhichVersionRanAndWhatSrcRootIs()
    {
        var run = Sarif()["runs"]![0]!;

        run["invocations"]!.ToJsonString().ShouldBe("""[{"executionSuccessful":true}]""", "a run that found errors still ran successfully");
        var driver = run["tool"]!["driver"]!;
        driver["semanticVersion"]!.GetValue<string>().ShouldMatch(@"^[0-9]+\.[0-9]+\.[0-9]+$");
        driver["semanticVersion"]!.GetValue<string>().ShouldBe(driver["version"]!.GetValue<string>());

        // %SRCROOT% is the working directory (here the repository root); each relative uri resolves to its file.
        var srcRoot = run["originalUriBaseIds"]!["%SRCROOT%"]!;
        srcRoot["uri"]!.GetValue<string>().ShouldBe(new Uri(Path.TrimEndingDirectorySeparator(RepoPaths.Root) + "/").AbsoluteUri);
        srcRoot["description"]!["text"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        foreach (var result in run["results"]!.AsArray())
        {
            var uri = result!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>();
            File.Exists(new Uri(new Uri(srcRoot["uri"]!.GetValue<string>()), uri).LocalPath).ShouldBeTrue(uri);
        }
    }

    [Fact]
    public void FileUrisKeepWhatLooksLikeAnEscapeInAFolderName()
    {
        // new Uri(path) read the "%41" of a folder "a%41 #b" as an escaped 'A': a uri of another folder.
        using var folder = new LintTempFolder();
        var policy = File.ReadAllText(Path.Combine(RepoPaths.Baselines, "Lint", "policy.esc"));
        var inside = folder.Write(Path.Combine("a%41 #b", "p%42.esc"), policy);
        var outside = folder.Write("o%43.esc", policy);

        var run = JsonNode.Parse(Esc.RunIn(Path.GetDirectoryName(inside)!, string.Empty, "lint", "p%42.esc", outside, "--format", "sarif").Out)!["runs"]![0]!;

        var srcRoot = run["originalUriBaseIds"]!["%SRCROOT%"]!["uri"]!.GetValue<string>();
        srcRoot.ShouldEndWith("/a%2541%20%23b/");
        var uris = run["results"]!.AsArray().Select(r => r!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>()).Distinct().ToList();
        uris.ShouldBe(["p%2542.esc", "file://" + string.Join('/', outside.Split('/').Select(Uri.EscapeDataString))]);
        new Uri(new Uri(srcRoot), uris[0]).LocalPath.ShouldBe(inside);
        new Uri(uris[1]).LocalPath.ShouldBe(outside);
    }

    [Fact]
    public void RunFromTheRootFolderSrcRootIsTheRootUri()
    {
        // The trailing '/' was added to the root's own: file://// (a container without a WORKDIR runs in /).
        var policy = Path.Combine(RepoPaths.Baselines, "Lint", "policy.esc");

        var run = JsonNode.Parse(Esc.RunIn("/", string.Empty, "lint", policy, "--format", "sarif").Out)!["runs"]![0]!;

        var srcRoot = run["originalUriBaseIds"]!["%SRCROOT%"]!["uri"]!.GetValue<string>();
        srcRoot.ShouldBe("file:///");
        var uri = run["results"]![0]!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>();
        new Uri(new Uri(srcRoot), uri).LocalPath.ShouldBe(policy);
    }

    [Fact]
    public void EveryRuleHasItsMetadataAndItsPageAsHelp()
    {
        var rules = Sarif()["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray();

        rules.Count.ShouldBe(Analysis.LintRuleCatalog.All.Length);
        foreach (var rule in rules)
        {
            var id = rule!["id"]!.GetValue<string>();
            rule["name"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
            rule["shortDescription"]!["text"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
            rule["fullDescription"]!["text"]!.GetValue<string>().Length.ShouldBeInRange(1, 1024);
            rule["help"]!["text"]!.GetValue<string>().ShouldContain($"docs/rules/{id}.md");
            var page = File.ReadAllText(RepoPaths.Combine("docs", "rules", id + ".md")).Replace("\r\n", "\n", StringComparison.Ordinal);
            var markdown = rule["help"]!["markdown"]!.GetValue<string>();
            Regex.Replace(markdown, @" \(`docs/[^`]+`\)", string.Empty).ShouldBe(Regex.Replace(page, @"\[([^\]]+)\]\([^)\s]+\)", "$1"), "the page, each link written as its text and the file it names");
            rule["defaultConfiguration"]!["level"]!.GetValue<string>().ShouldBeOneOf("note", "warning", "error");
            rule["helpUri"].ShouldBeNull("SARIF wants helpUri absolute; without --help-uri-base esc writes none");
        }
    }

    [Fact]
    public void WithoutHelpUriBaseTheHelpNamesTheLinkedFilesInsteadOfLinkingThem()
    {
        // A relative link in help.markdown is broken on a code scanning alert page, where the help is shown.
        var lint = Sarif()["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray();
        var compiler = JsonNode.Parse(Esc.RunWithInput("policy \"x\" version 1\nseverity s { acknowledge within 15x }\n", "lint", "-", "--format", "sarif").Out)!["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray();

        foreach (var rule in lint.Concat(compiler))
        {
            var markdown = rule!["help"]!["markdown"]!.GetValue<string>();
            markdown.ShouldNotMatch(@"\]\((?![a-z]+:)", "a relative link");
            foreach (Match named in Regex.Matches(markdown, @"\(`(docs/[^`#]+)(#[^`]*)?`\)"))
            {
                File.Exists(RepoPaths.Combine(named.Groups[1].Value.Split('/'))).ShouldBeTrue($"{rule["id"]} names {named.Groups[1].Value}, which is not a file of the repository");
            }
        }

        var esl001 = lint.Single(r => r!["id"]!.GetValue<string>() == "ESL001")!["help"]!["markdown"]!.GetValue<string>();
        esl001.ShouldContain("Change the level, or turn the rule off, in a `.esclint.json` (`docs/rules/README.md#configuration`) next");
        esl001.ShouldContain("See also: all lint rules (`docs/rules/README.md`), esc lint (`docs/cli.md#esc-lint`).");
        compiler.Single(r => r!["id"]!.GetValue<string>() == "ESC2007")!["help"]!["markdown"]!.GetValue<string>().ShouldBe("Unknown duration unit. See `docs/diagnostics/ESC2007.md`.");
    }

    [Fact]
    public void HelpUriBaseMakesHelpUrisAndPageLinksAbsolute()
    {
        var driver = Sarif("--help-uri-base", "https://example.invalid/repo/blob/abc123")["runs"]![0]!["tool"]!["driver"]!;

        driver["informationUri"]!.GetValue<string>().ShouldBe("https://example.invalid/repo/blob/abc123/docs/rules/README.md");
        var rule = driver["rules"]![0]!;
        rule["helpUri"]!.GetValue<string>().ShouldBe("https://example.invalid/repo/blob/abc123/docs/rules/ESL001.md");
        rule["help"]!["markdown"]!.GetValue<string>().ShouldContain("[all lint rules](https://example.invalid/repo/blob/abc123/docs/rules/README.md)");
    }

    [Fact]
    public void ResultsPointAtRulesWithRelativeUrisRegionsAndFingerprints()
    {
        var run = Sarif()["runs"]![0]!;
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray();
        var results = run["results"]!.AsArray();

        results.Count(r => r!["suppressions"] is null).ShouldBe(9);
        results.Count.ShouldBe(9 + 8, "the suppressed findings, seven in the shipped policies and one in the baseline policy, are results too");
        foreach (var result in results)
        {
            var ruleId = result!["ruleId"]!.GetValue<string>();
            rules[result["ruleIndex"]!.GetValue<int>()]!["id"]!.GetValue<string>().ShouldBe(ruleId);
            result["level"]!.GetValue<string>().ShouldBeOneOf("note", "warning", "error");
            result["message"]!["text"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();

            var location = result["locations"]![0]!["physicalLocation"]!;
            var uri = location["artifactLocation"]!["uri"]!.GetValue<string>();
            Uri.TryCreate(uri, UriKind.Relative, out _).ShouldBeTrue(uri);
            (uri.StartsWith("policies/", StringComparison.Ordinal) || uri.StartsWith("tests/", StringComparison.Ordinal)).ShouldBeTrue($"{uri} is not relative to the working directory");
            location["artifactLocation"]!["uriBaseId"]!.GetValue<string>().ShouldBe("%SRCROOT%");
            foreach (var key in new[] { "startLine", "startColumn", "endLine", "endColumn" })
            {
                location["region"]![key]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(1);
            }

            result["partialFingerprints"]!["escLineHash/v1"]!.GetValue<string>().ShouldMatch("^[0-9a-f]{32}:[0-9]+$");
        }
    }

    [Fact]
    public void RuleNamesArePascalCaseIdentifiersOfTheKebabCaseNamesAndTitles()
    {
        // SARIF's reportingDescriptor.name is "an identifier understandable to an end user" (its example
        // is PascalCase), and the SARIF validator asks for a Pascal identifier: not kebab-case, not a phrase.
        var names = Analysis.LintRuleCatalog.All.Select(r => (r.Code, Name: LintSarifRules.SarifName(r.Name)))
            .Concat(Language.Diagnostics.DiagnosticCatalog.Descriptors.Select(d => (d.Code, Name: LintSarifRules.SarifName(d.Title))))
            .ToList();

        foreach (var (code, name) in names)
        {
            name.ShouldMatch(@"^(\p{Lu}[\p{Ll}\p{Nd}]*)+$", code);
        }

        names.Select(n => n.Name).ShouldBeUnique();
        LintSarifRules.SarifName("step-after-sla-target").ShouldBe("StepAfterSlaTarget");
        LintSarifRules.SarifName("`immediately` step is not the rule's first step").ShouldBe("ImmediatelyStepIsNotTheRulesFirstStep");
        LintSarifRules.SarifName("`on CALENDAR` on wall-clock time").ShouldBe("OnCalendarOnWallClockTime");
        LintSarifRules.SarifName("File is not UTF-8 text").ShouldBe("FileIsNotUtf8Text");

        var rules = Sarif()["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray();
        rules.Single(r => r!["id"]!.GetValue<string>() == "ESL001")!["name"]!.GetValue<string>().ShouldBe("StepAfterSlaTarget");
        rules.Select(r => r!["name"]!.GetValue<string>()).ShouldAllBe(n => Regex.IsMatch(n, "^[A-Z][A-Za-z0-9]*$"));
    }

    [Fact]
    public void FingerprintsIgnoreLineNumbersButNotTheLine()
    {
        using var folder = new LintTempFolder();
        var policy = File.ReadAllText(Path.Combine(RepoPaths.Baselines, "Lint", "policy.esc"));
        folder.Write("p.esc", policy);
        var before = Fingerprints(folder);

        folder.Write("p.esc", "# a new comment\n\n" + policy);
        Fingerprints(folder).ShouldBe(before);

        folder.Write("p.esc", policy.Replace("every 30m: remind owner", "every 20m: remind owner", StringComparison.Ordinal));
        var changed = Fingerprints(folder);
        changed.Except(before).Count().ShouldBe(1);
    }

    [Fact]
    public void CompilerErrorsComeWithTheirOwnRuleDescriptor()
    {
        var result = Esc.RunWithInput("policy \"x\" version 1\nseverity s { acknowledge within 15x }\n", "lint", "-", "--format", "sarif");

        var run = JsonNode.Parse(result.Out)!["runs"]![0]!;
        var rule = run["tool"]!["driver"]!["rules"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == "ESC2007")!;
        rule["name"]!.GetValue<string>().ShouldBe("UnknownDurationUnit");
        rule["defaultConfiguration"]!["level"]!.GetValue<string>().ShouldBe("error");
        run["results"]![0]!["ruleId"]!.GetValue<string>().ShouldBe("ESC2007");
    }

    [Fact]
    public void AFindingOnStandardInputPointsAtAnArtifactHoldingTheTextNotAtAFile()
    {
        // It pointed at "%3Cstdin%3E" under %SRCROOT%: a file that does not exist. SARIF wants a uri or
        // the index of an entry in run.artifacts; standard input has no uri, so it gets an entry.
        const string Policy = "policy \"x\" version 1\nseverity s { acknowledge within 15x }\n";
        var result = Esc.RunWithInput(Policy, "lint", "-", "tests/Baselines/Lint/policy.esc", "--format", "sarif");

        var run = JsonNode.Parse(result.Out)!["runs"]![0]!;
        var results = run["results"]!.AsArray();
        var fromStandardInput = results.Single(r => r!["ruleId"]!.GetValue<string>() == "ESC2007")!["locations"]![0]!["physicalLocation"]!;
        fromStandardInput["artifactLocation"]!.ToJsonString().ShouldBe("""{"index":0,"description":{"text":"Standard input (esc lint -), not a file."}}""");
        var artifact = run["artifacts"]!.AsArray().ShouldHaveSingleItem()!;
        artifact["location"]!["index"]!.GetValue<int>().ShouldBe(0);
        artifact["roles"]!.ToJsonString().ShouldBe("""["analysisTarget"]""");
        var text = artifact["contents"]!["text"]!.GetValue<string>();
        text.ShouldBe(Policy);
        var region = fromStandardInput["region"]!;
        text.Split('\n')[region["startLine"]!.GetValue<int>() - 1][(region["startColumn"]!.GetValue<int>() - 1)..(region["endColumn"]!.GetValue<int>() - 1)].ShouldBe("15x");

        foreach (var fromFile in results.Where(r => r!["ruleId"]!.GetValue<string>() != "ESC2007"))
        {
            fromFile!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!.ToJsonString().ShouldBe("""{"uri":"tests/Baselines/Lint/policy.esc","uriBaseId":"%SRCROOT%"}""");
        }
    }

    [Fact]
    public void FilesOutsideTheWorkingDirectoryGetAbsoluteFileUris()
    {
        using var folder = new LintTempFolder();
        var path = folder.Write("p.esc", File.ReadAllText(Path.Combine(RepoPaths.Baselines, "Lint", "policy.esc")));

        var result = Esc.Run("lint", path, "--format", "sarif");

        var artifact = JsonNode.Parse(result.Out)!["runs"]![0]!["results"]![0]!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!;
        artifact["uri"]!.GetValue<string>().ShouldBe(new Uri(path).AbsoluteUri);
        artifact["uriBaseId"].ShouldBeNull();
    }

    [Fact]
    public void ASuppressedFindingIsAResultSuppressedInSourceWithItsFingerprintUnchanged()
    {
        // Left out, a finding someone suppressed looked fixed to code scanning, not dismissed.
        using var folder = new LintTempFolder();
        folder.Write("p.esc", LateStep(""));
        var open = Results(folder).ShouldHaveSingleItem();
        open!["suppressions"].ShouldBeNull();

        folder.Write("p.esc", LateStep("    # esc-disable-next-line ESL001 the contract gives us 30 minutes\n"));
        var suppressed = Results(folder).ShouldHaveSingleItem()!;

        suppressed["ruleId"]!.GetValue<string>().ShouldBe("ESL001");
        suppressed["suppressions"]!.ToJsonString().ShouldBe("""[{"kind":"inSource","justification":"the contract gives us 30 minutes"}]""");
        suppressed["partialFingerprints"]!.ToJsonString().ShouldBe(open["partialFingerprints"]!.ToJsonString());
        suppressed["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>().ShouldBe(open["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>() + 1);

        // Without a reason (itself a finding, ESL023) the suppression has no justification.
        folder.Write("p.esc", LateStep("    # esc-disable-next-line ESL001\n"));
        Results(folder).Single(r => r!["ruleId"]!.GetValue<string>() == "ESL001")!["suppressions"]!.ToJsonString().ShouldBe("""[{"kind":"inSource"}]""");
        Esc.RunIn(folder.Path, string.Empty, "lint", "p.esc").Error.ShouldContain("(1 suppressed)");
    }

    private static JsonArray Results(LintTempFolder folder) =>
        JsonNode.Parse(Esc.RunIn(folder.Path, string.Empty, "lint", "p.esc", "--format", "sarif").Out)!["runs"]![0]!["results"]!.AsArray();

    /// <summary>A step after the acknowledge target it waits for (ESL001), with <paramref name="comment"/> on the line before it.</summary>
    private static string LateStep(string comment) => $$"""
        policy "late" version 1
        owners {
            team desk "Desk" reports to lead
            role lead "Lead"
        }
        severity sev1 "Critical" { acknowledge within 15m }
        escalation r for sev1 {
            owner desk
        {{comment}}    after 30m unless acknowledged: escalate to next
        }

        """;

    private static List<string> Fingerprints(LintTempFolder folder)
    {
        var result = Esc.RunIn(folder.Path, string.Empty, "lint", "p.esc", "--format", "sarif");
        return JsonNode.Parse(result.Out)!["runs"]![0]!["results"]!.AsArray()
            .Select(r => r!["partialFingerprints"]!["escLineHash/v1"]!.GetValue<string>())
            .ToList();
    }
}
