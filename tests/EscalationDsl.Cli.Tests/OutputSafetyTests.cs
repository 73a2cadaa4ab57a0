using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>An --output never replaces a file the command reads, and a bad one is refused before any work.</summary>
public sealed class OutputSafetyTests
{
    [Theory]
    [InlineData("lint", "a policy file being linted")]
    [InlineData("graph", "the policy file")]
    [InlineData("matrix", "the policy file")]
    public void AnOutputNamingThePolicyIsRefusedAndThePolicyIsKept(string command, string what)
    {
        using var folder = new LintTempFolder();
        var policy = folder.Write("support.esc", File.ReadAllText(RepoPaths.Combine("policies", "support.esc")));
        var before = File.ReadAllText(policy);

        var result = Esc.Run(command, command == "lint" ? folder.Path : policy, "--output", policy);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe($"esc: --output: {policy} is {what}; name another file\n");
        File.ReadAllText(policy).ShouldBe(before);
    }

    [Theory]
    [InlineData("lint")]
    [InlineData("graph")]
    [InlineData("matrix")]
    public void AnOutputInAMissingFolderOrThatIsAFolderIsRefusedFirst(string command)
    {
        var missing = Path.Combine(Path.GetTempPath(), $"esc-missing-{Guid.NewGuid():N}", "out.txt");
        var folder = Path.GetTempPath().TrimEnd('/');

        var intoMissing = Esc.Run(command, "policies/support.esc", "--output", missing);
        var ontoFolder = Esc.Run(command, "policies/support.esc", "--output", folder);

        intoMissing.ExitCode.ShouldBe(2);
        intoMissing.Error.ShouldBe($"esc: {missing}: cannot write: the folder {Path.GetDirectoryName(missing)} does not exist\n");
        ontoFolder.ExitCode.ShouldBe(2);
        ontoFolder.Error.ShouldBe($"esc: {folder}: cannot write: it is a folder; name a file\n");
    }

    [Theory]
    [InlineData("sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--quiet")]
    [InlineData("graph", "policies/support.esc")]
    [InlineData("matrix", "policies/support.esc")]
    [InlineData("lint", "policies/support.esc")]
    [InlineData("check", "tests/Baselines/Invalid/DurationUnitRepeated/policy.esc")]
    [InlineData("check", "tests/Baselines/Invalid/DurationUnitRepeated/policy.esc", "--format", "json")]
    [InlineData("explain", "policies/support.esc", "--events", "policies/events/sev1-network-outage.jsonl")]
    [InlineData("explain", "policies/support.esc", "--events", "policies/events/sev1-network-outage.jsonl", "--format", "json")]
    [InlineData("hash-key")]
    [InlineData("hash-key", "a-key-of-sixteen-chars")]
    public void StandardOutputThatCannotBeWrittenIsAUsageErrorNotACrash(params string[] args)
    {
        // As `esc sim ... > /dev/full`: the write fails with an IOException.
        var full = RunWithOutput(new FailingWriter(new IOException("No space left on device")), args);
        // As `esc sim ... >&-`: .NET reports the closed descriptor as access denied.
        var closed = RunWithOutput(new FailingWriter(new UnauthorizedAccessException("Access to the path is denied.", new IOException("Bad file descriptor"))), args);

        full.Code.ShouldBe(2);
        full.LastError.ShouldBe("esc: standard output: cannot write: No space left on device");
        closed.Code.ShouldBe(2);
        closed.LastError.ShouldBe("esc: standard output: cannot write: Bad file descriptor");
    }

    [Theory]
    [InlineData("explain", "--events", "policies/events/sev1-network-outage.jsonl")]
    [InlineData("graph")]
    [InlineData("matrix")]
    public void APolicyArgumentThatIsAFolderIsCalledAFolder(string command, params string[] rest)
    {
        var result = Esc.Run([command, "policies/", .. rest]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("esc: policies/: is a folder; name one .esc file\n");
    }

    [Theory]
    [InlineData("POLICY", "graph", "")]
    [InlineData("--output", "graph", "policies/support.esc", "--output", "")]
    [InlineData("POLICY", "matrix", "")]
    [InlineData("--output", "matrix", "policies/support.esc", "-o", "")]
    [InlineData("POLICY", "explain", "", "--events", "policies/events/sev1-network-outage.jsonl")]
    [InlineData("--events", "explain", "policies/support.esc", "--events", "")]
    public void AnEmptyFileNameIsCalledEmptyAsInSim(string option, params string[] args)
    {
        var result = Esc.Run(args);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe($"esc: {option}: the value is empty; name a file\n");
    }

    [Fact]
    public void AnEventsArgumentThatIsAFolderIsCalledAFolder()
    {
        var result = Esc.Run("explain", "policies/support.esc", "--events", "policies/events");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("esc: policies/events: is a folder; name the file of the ticket's events\n");
    }

    private static (int Code, string LastError) RunWithOutput(TextWriter output, string[] args)
    {
        var error = new StringWriter { NewLine = "\n" };
        var code = EscApp.Run(args, new CliConsole(output, error, Stream.Null, Color: false, RepoPaths.Root));
        return (code, error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
    }

    [Theory]
    [InlineData("check", "policies/")]
    [InlineData("check", "no/such/file.esc")]
    [InlineData("frobnicate")]
    public void StandardErrorThatCannotBeWrittenIsAUsageErrorNotACrash(params string[] args)
    {
        // As `esc check policies/ 2>&-` (or `2> /dev/full`): the summary or the message cannot be
        // written, nor then the internal error about it, and the runtime aborted (exit 134).
        var output = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(output, new FailingWriter(new IOException("No space left on device")), Stream.Null, Color: false, RepoPaths.Root);

        EscApp.Run(args, console).ShouldBe(ExitCodes.Usage);
    }

    /// <summary>Standard output that fails every write, as a full disk or a closed descriptor does.</summary>
    private sealed class FailingWriter(Exception failure) : StringWriter
    {
        public override void Write(char value) => throw failure;

        public override void Write(string? value) => throw failure;
    }
}
