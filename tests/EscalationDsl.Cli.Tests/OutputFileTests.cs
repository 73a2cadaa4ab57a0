using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>
/// <c>--output</c> and <c>--emit-events</c> are written whole or not at all: a run that fails or is
/// refused leaves the named file as it was, and a file that exists is written through, not replaced.
/// </summary>
public sealed class OutputFileTests : IDisposable
{
    private const string Previous = "the previous run's file\n";
    private readonly LintTempFolder folder = new();

    [Fact]
    public void AnEmitRefusedHalfWayLeavesTheFileItWouldHaveReplacedAsItWas()
    {
        // The first event is written, the second cannot be said in CSV: the file held one row of this run.
        var input = folder.Write("in.jsonl", """
            {"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev2","fields":{"workaround":"restart"}}
            {"ticket":"T1","at":"2026-11-02T14:05:00Z","type":"field_set","fields":{"workaround":null}}

            """);
        var emitted = folder.Write(Own("events.csv"), Previous);

        var result = Esc.Run("sim", "policies/support.esc", "--tickets", input, "--emit-events", emitted, "--quiet");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldEndWith($"{emitted} is left as it was\n");
        File.ReadAllText(emitted).ShouldBe(Previous);
        ShouldLeaveNoTemporaryFile(emitted);
    }

    [Fact]
    public void ARunStoppedByABadRowUnderStrictWritesNeitherFile()
    {
        var input = folder.Write("in.jsonl", """
            {"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev2"}
            {"ticket":"T1","at":"soon","type":"resolved"}

            """);
        var emitted = folder.Write(Own("events.jsonl"), Previous);
        var report = folder.Write(Own("report.md"), Previous);
        var fresh = Path.Combine(folder.Path, Own("fresh.jsonl"));

        var kept = Esc.Run("sim", "policies/support.esc", "--tickets", input, "--strict", "--emit-events", emitted, "--format", "markdown", "--output", report, "--quiet");
        var none = Esc.Run("sim", "policies/support.esc", "--tickets", input, "--strict", "--emit-events", fresh, "--quiet");

        kept.ExitCode.ShouldNotBe(0);
        none.ExitCode.ShouldBe(kept.ExitCode);
        File.ReadAllText(emitted).ShouldBe(Previous);
        File.ReadAllText(report).ShouldBe(Previous);
        File.Exists(fresh).ShouldBeFalse();
        ShouldLeaveNoTemporaryFile(emitted);
        ShouldLeaveNoTemporaryFile(report);
        ShouldLeaveNoTemporaryFile(fresh);
    }

    [Fact]
    public void AFileThatExistsIsWrittenThroughSoALinkStaysALink()
    {
        var target = folder.Write("graph-target.dot", Previous);
        var link = Path.Combine(folder.Path, Own("graph.dot"));
        File.CreateSymbolicLink(link, target);

        var result = Esc.Run("graph", "policies/support.esc", "--output", link);

        result.ExitCode.ShouldBe(0);
        new FileInfo(link).LinkTarget.ShouldBe(target);
        File.ReadAllText(target).ShouldStartWith("digraph");
        ShouldLeaveNoTemporaryFile(link);
    }

    [Fact]
    public void AnOutputLinkWhoseTargetPassesAFolderLinkToThePolicyIsRefused()
    {
        // From the review (F1): out.txt -> dl/p.esc with dl -> real was taken as dl/p.esc, no input, and
        // the matrix overwrote the policy real/p.esc.
        var policyText = File.ReadAllText(Path.Combine(RepoPaths.Policies, "support.esc"));
        var policy = folder.Write("real/p.esc", policyText);
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "dl"), "real");
        var output = Path.Combine(folder.Path, "out.txt");
        File.CreateSymbolicLink(output, Path.Combine(folder.Path, "dl", "p.esc"));

        var result = Esc.Run("matrix", policy, "--output", output);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe($"esc: --output: {output} is the policy file; name another file\n");
        File.ReadAllText(policy).ShouldBe(policyText);
    }

    [Fact]
    public void AnOutputGoingUpFromAFolderLinkToThePolicyIsRefused()
    {
        // The next review's F4: lnk/../p.esc is p.esc beside the link when the file is opened (.NET takes "lnk/.."
        // away as written); checked realpath's way it was sub/p.esc, no input, and the graph overwrote the policy.
        var policyText = File.ReadAllText(Path.Combine(RepoPaths.Policies, "support.esc"));
        var policy = folder.Write("p.esc", policyText);
        Directory.CreateDirectory(Path.Combine(folder.Path, "sub", "deep"));
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "lnk"), Path.Combine(folder.Path, "sub", "deep"));

        var result = Esc.RunIn(folder.Path, string.Empty, "graph", "p.esc", "--output", "lnk/../p.esc");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("is the policy file; name another file");
        File.ReadAllText(policy).ShouldBe(policyText);
    }

    [Fact]
    public void ANewFileAppearsWholeAndNothingElseIsLeftBeside()
    {
        var matrix = Path.Combine(folder.Path, "matrix.md");

        var result = Esc.Run("matrix", "policies/support.esc", "--output", matrix);

        result.ExitCode.ShouldBe(0);
        File.ReadAllText(matrix).ShouldBe(Esc.Run("matrix", "policies/support.esc").Out);
        Directory.GetFileSystemEntries(folder.Path).ShouldBe([matrix]);
    }

    [Fact]
    public void AnEmitIntoAFolderOrAMissingFolderIsRefusedBeforeTheReplayAsOutputIs()
    {
        // It got the system's "Could not find a part of the path" after the policy and input were read.
        var into = Directory.CreateDirectory(Path.Combine(folder.Path, "events.jsonl")).FullName;
        var missing = Path.Combine(folder.Path, "no-such-folder", "events.jsonl");

        var ontoFolder = Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--emit-events", into);
        var intoMissing = Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--emit-events", missing);

        ontoFolder.ExitCode.ShouldBe(ExitCodes.Usage);
        ontoFolder.Error.ShouldBe($"esc: --emit-events: {into}: cannot write: it is a folder; name a file\n");
        intoMissing.ExitCode.ShouldBe(ExitCodes.Usage);
        intoMissing.Error.ShouldBe($"esc: --emit-events: {missing}: cannot write: the folder {Path.GetDirectoryName(missing)} does not exist\n");
    }

    [Fact]
    public void AWriteThatFailsNamesTheFileOnce()
    {
        // .NET ends the message with " : 'PATH'": "cannot write: No space left on device : '/dev/full'".
        var full = Path.Combine(folder.Path, "full.jsonl");
        File.CreateSymbolicLink(full, "/dev/full");

        var output = Esc.Run("matrix", "policies/support.esc", "--output", full);
        var emitted = Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--emit-events", full, "--quiet");

        output.ExitCode.ShouldBe(ExitCodes.Usage);
        output.Error.ShouldBe($"esc: {full}: cannot write: No space left on device\n");
        emitted.ExitCode.ShouldBe(ExitCodes.Usage);
        emitted.Error.ShouldBe($"esc: --emit-events: {full}: cannot write: No space left on device\n");
    }

    public void Dispose() => folder.Dispose();

    /// <summary>
    /// The name with this test's folder in it (<c>events-esc-lint-XXXX.csv</c>): the temporary copy of a
    /// file that exists is staged in the system's temporary folder under the file's name, where the runs
    /// of other checkouts or test processes on the machine put theirs, and a check for <c>.events.csv.*</c>
    /// there could find another run's copy, being written or left behind by a run that was killed.
    /// </summary>
    private string Own(string name) => $"{Path.GetFileNameWithoutExtension(name)}-{Path.GetFileName(folder.Path)}{Path.GetExtension(name)}";

    /// <summary>No <c>.NAME.*.partial</c> beside the file nor in the temporary folder, where a file that exists is staged.</summary>
    private void ShouldLeaveNoTemporaryFile(string path)
    {
        var name = Path.GetFileName(path);
        Directory.GetFiles(folder.Path, $".{name}.*.partial").ShouldBeEmpty();
        Directory.GetFiles(Path.GetTempPath(), $".{name}.*.partial").ShouldBeEmpty();
    }
}
