using EscalationDsl.Cli.Lint;
using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

public sealed class LintCommandTests
{
    // Two warnings (ESL001 at 9:11, ESL007 at 10:5) and nothing else.
    private const string TwoWarnings = """
        policy "t" version 1
        owners {
            team desk "Desk" reports to lead
            role lead "Lead"
        }
        severity sev1 { acknowledge within 15m }
        escalation main for sev1 {
            owner desk
            after 45m unless acknowledged: escalate to next
            every 1h: remind owner
        }

        """;

    [Fact]
    public void ShippedPoliciesLintWithExitZero()
    {
        var result = Esc.Run("lint", "policies/");

        // The shipped policies follow our own rules; the six exceptions carry a reasoned suppression.
        result.ExitCode.ShouldBe(0, result.Out);
        result.Error.ShouldBe("linted 3 files: 0 errors, 0 warnings, 0 infos (7 suppressed)\n");
        result.Out.ShouldBeEmpty();
    }

    [Fact]
    public void WarningsAloneExitZero()
    {
        var result = Esc.RunWithInput(TwoWarnings, "lint", "-");

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldContain("<stdin>:9:11: warning[ESL001]");
        result.Error.ShouldBe("linted 1 file: 0 errors, 2 warnings, 0 infos\n");
    }

    [Theory]
    [InlineData("2", 0)]
    [InlineData("1", 1)]
    [InlineData("0", 1)]
    public void MaxWarningsFailsWhenThereAreMore(string max, int exitCode)
    {
        var result = Esc.RunWithInput(TwoWarnings, "lint", "-", "--max-warnings", max);

        result.ExitCode.ShouldBe(exitCode);
        if (exitCode == 1)
        {
            result.Error.ShouldContain($"esc: 2 warnings, more than --max-warnings {max}");
        }
    }

    [Fact]
    public void WarningsAsErrorsReportsThemAsErrors()
    {
        var result = Esc.RunWithInput(TwoWarnings, "lint", "-", "--warnings-as-errors", "--format", "github");

        result.ExitCode.ShouldBe(1);
        result.Out.ShouldStartWith("::error file=<stdin>,line=9,col=11,endLine=9,endColumn=14,title=ESL001::");
        result.Error.ShouldBe("linted 1 file: 2 errors, 0 warnings, 0 infos\n");
    }

    [Fact]
    public void CheckErrorsAreReportedAndStopTheLintOfThatFile()
    {
        var result = Esc.RunWithInput(TwoWarnings.Replace("45m", "45x", StringComparison.Ordinal), "lint", "-");

        result.ExitCode.ShouldBe(1);
        result.Out.ShouldContain("error[ESC2007]");
        result.Out.ShouldNotContain("ESL");
        result.Error.ShouldBe("linted 1 file: 1 error, 0 warnings, 0 infos; 1 file with errors not linted\n");
    }

    [Fact]
    public void OutputGoesToTheNamedFile()
    {
        using var folder = new LintTempFolder();
        folder.Write("p.esc", TwoWarnings);

        var result = Esc.RunIn(folder.Path, string.Empty, "lint", "p.esc", "--format", "json", "--output", "out/lint.json".Replace('/', Path.DirectorySeparatorChar));

        // The folder of --output must exist; the file is created.
        result.ExitCode.ShouldBe(2);
        Directory.CreateDirectory(Path.Combine(folder.Path, "out"));
        result = Esc.RunIn(folder.Path, string.Empty, "lint", "p.esc", "--format", "json", "--output", "out/lint.json");
        result.ExitCode.ShouldBe(0);
        result.Out.ShouldBeEmpty();
        File.ReadAllText(Path.Combine(folder.Path, "out", "lint.json")).ShouldContain("\"code\": \"ESL007\"");
    }

    [Fact]
    public void NearestConfigurationAboveEachPolicyApplies()
    {
        using var folder = new LintTempFolder();
        folder.Write(".esclint.json", """{ "rules": { "ESL001": "off" } }""");
        folder.Write("team/a.esc", TwoWarnings);
        folder.Write("strict/.esclint.json", """{ "rules": { "uncapped-repeat": "error" } }""");
        folder.Write("strict/b.esc", TwoWarnings.Replace("policy \"t\"", "policy \"strict\"", StringComparison.Ordinal)); // one name per policy (ESC2042)

        var result = Esc.RunIn(folder.Path, string.Empty, "lint", ".");

        result.ExitCode.ShouldBe(1);
        var headlines = result.Out.Split('\n').Where(l => l.Contains(".esc:", StringComparison.Ordinal)).Select(l => l[..l.IndexOf("]:", StringComparison.Ordinal)]);
        headlines.ShouldBe(["strict/b.esc:9:11: warning[ESL001", "strict/b.esc:10:5: error[ESL007", "team/a.esc:10:5: warning[ESL007"]);
    }

    [Fact]
    public void BadConfigurationIsAUsageErrorNamingTheFile()
    {
        using var folder = new LintTempFolder();
        folder.Write(".esclint.json", """{ "rules": { "ESL0004": "off" } }""");
        folder.Write("p.esc", TwoWarnings);

        var result = Esc.RunIn(folder.Path, string.Empty, "lint", "p.esc");

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldBe(".esclint.json:1:14: unknown rule 'ESL0004'; did you mean 'ESL004'?\n".Insert(0, "esc: "));
    }

    [Fact]
    public void EveryBadEntryOfAConfigurationIsReportedAtItsLineAndColumn()
    {
        using var folder = new LintTempFolder();
        folder.Write(".esclint.json", "{\n  \"rules\": {\n    \"ESL009\": \"of\",\n    \"ESL99\": \"warning\",\n    \"ESL004\": \"off\"\n  },\n  \"rule\": {}\n}\n");
        folder.Write("p.esc", TwoWarnings);

        var result = Esc.RunIn(folder.Path, string.Empty, "lint", "p.esc");

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldBe(
            "esc: .esclint.json:3:15: rule 'ESL009' has the level \"of\"; use \"off\", \"info\", \"warning\" or \"error\"\n"
            + "esc: .esclint.json:4:5: unknown rule 'ESL99'; rules are ESL001 to ESL034 or their names (see docs/rules/README.md)\n"
            + "esc: .esclint.json:7:3: unknown setting 'rule'; the only setting is \"rules\"\n");
    }

    [Fact]
    public void AConfigurationThatNeverEndsIsRefusedAfterSixteenMegabytes()
    {
        // Read whole into a string, a link to /dev/zero ran out of memory: an internal error.
        using var folder = new LintTempFolder();
        folder.Write("p.esc", TwoWarnings);
        File.CreateSymbolicLink(System.IO.Path.Combine(folder.Path, ".esclint.json"), "/dev/zero");

        var result = Esc.RunIn(folder.Path, string.Empty, "lint", "p.esc");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("esc: .esclint.json: cannot read the file: the file is larger than 16 MB, too large for a lint configuration\n");
    }

    [Fact]
    public void AConfigurationThatIsAFolderIsRefusedNotSkipped()
    {
        // Skipped as if absent, the settings above it (here: every rule on) applied unseen.
        using var folder = new LintTempFolder();
        folder.Write("p.esc", TwoWarnings);
        Directory.CreateDirectory(System.IO.Path.Combine(folder.Path, ".esclint.json"));

        var result = Esc.RunIn(folder.Path, string.Empty, "lint", "p.esc");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("esc: .esclint.json: is a folder; .esclint.json is a file of lint settings (docs/rules/README.md)\n");
    }

    [Fact]
    public async Task AConfigurationThatIsANamedPipeIsRefusedWithoutWaitingForAWriter()
    {
        // esc finds the file, nobody names it: opened as a regular file, the pipe held esc lint (and the
        // engine's policy reload, which reads the same file) until something wrote to it.
        using var folder = new LintTempFolder();
        folder.Write("p.esc", TwoWarnings);
        var pipe = System.IO.Path.Combine(folder.Path, ".esclint.json");
        await NamedPipes.CreateAsync(pipe);
        try
        {
            var result = await Task.Run(() => Esc.RunIn(folder.Path, string.Empty, "lint", "p.esc")).WaitAsync(TimeSpan.FromSeconds(60));

            result.ExitCode.ShouldBe(2);
            result.Error.ShouldBe("esc: .esclint.json: cannot read the file: the file is a named pipe, a socket or a terminal, not a regular file; a lint configuration found in a folder is read from a regular file\n");
        }
        finally
        {
            await NamedPipes.ReleaseAsync(pipe);
        }
    }

    [Fact]
    public void ConfigurationThatIsNotJsonIsReportedAtItsLineAndColumn()
    {
        using var folder = new LintTempFolder();
        folder.Write(".esclint.json", "{\n  \"rules\": { \"ESL004\": \"off\" \"ESL005\": \"off\" }\n}\n");
        folder.Write("p.esc", TwoWarnings);

        var result = Esc.RunIn(folder.Path, string.Empty, "lint", "p.esc");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("esc: .esclint.json:2:30: not valid JSON: '\"' is invalid after a value. Expected either ',', '}', or ']'\n");
    }

    [Theory]
    [InlineData("--format", "html")]
    [InlineData("--max-warnings", "-1")]
    [InlineData("--help-uri-base", "docs/")]
    public void BadOptionsAreUsageErrors(string option, string value)
    {
        var result = Esc.Run("lint", "policies/", option, value);

        result.ExitCode.ShouldBe(2);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("99999999999")]
    [InlineData("abc")]
    [InlineData("1.5")]
    public void AMaxWarningsThatIsNotACountIsNamedInWords(string value)
    {
        // The parser's message for 99999999999 named the type: 'System.Nullable`1[System.Int32]'.
        var result = Esc.Run("lint", "policies/", "--max-warnings", value);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe($"esc: --max-warnings: '{value}' is not a whole number from 0 to 2147483647; give the most warnings allowed, such as 0\n");
    }

    [Fact]
    public void MissingPathIsAUsageError()
    {
        var result = Esc.Run("lint", "no/such.esc");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("no/such.esc: no such file or folder");
    }

    [Theory]
    [InlineData("100% done\r\nnext", "100%25 done%0D%0Anext")]
    [InlineData("a: b, c", "a: b, c")]
    [InlineData("string \"a\u0001b\u001b[31mc\u007fd\u0085e\u202Ef\"", "string \"a\u2401b\u241b[31mc\u2421d\uFFFDe\uFFFDf\"")]
    public void GithubMessagesEscapePercentAndLineBreaks(string message, string escaped)
    {
        LintGithubFormat.Data(message).ShouldBe(escaped);
    }

    [Theory]
    [InlineData("dir,1/a:b.esc", "dir%2C1/a%3Ab.esc")]
    [InlineData("50%\n", "50%25%0A")]
    public void GithubPropertiesAlsoEscapeColonsAndCommas(string value, string escaped)
    {
        LintGithubFormat.Property(value).ShouldBe(escaped);
    }

    [Fact]
    public void CheckstyleEscapesXml()
    {
        using var folder = new LintTempFolder();
        folder.Write("a&b <1>.esc", TwoWarnings);

        var result = Esc.RunIn(folder.Path, string.Empty, "lint", ".", "--format", "checkstyle");

        result.Out.ShouldContain("<file name=\"a&amp;b &lt;1&gt;.esc\">");
        System.Xml.Linq.XDocument.Parse(result.Out).Root!.Name.LocalName.ShouldBe("checkstyle");
    }

    [Fact]
    public void CheckstyleShowsControlCharactersXmlCannotHold()
    {
        // The ESC1005 message quotes the escape '\<U+0001>': XmlWriter threw on it, an internal error.
        var result = Esc.RunWithInput("policy \"x\\\u0001\" version 1\nseverity s { acknowledge within 15m }\n", "lint", "-", "--format", "checkstyle");

        result.ExitCode.ShouldBe(1);
        result.Out.ShouldContain("message=\"The escape sequence '\\\u2401' is not defined.");
        System.Xml.Linq.XDocument.Parse(result.Out).Root!.Name.LocalName.ShouldBe("checkstyle");
    }
}
