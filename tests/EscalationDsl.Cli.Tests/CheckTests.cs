using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

public sealed class CheckTests
{
    [Fact]
    public void ShippedPoliciesAreClean()
    {
        var result = Esc.Run("check", "policies/");

        result.ExitCode.ShouldBe(0, result.Out);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldContain("0 errors");
    }

    public static TheoryData<string> InvalidCases() =>
        new(Directory.GetDirectories(Path.Combine(RepoPaths.Baselines, "Invalid")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void EachInvalidBaselineExitsOneAndPrintsItsDiagnostics(string name)
    {
        var folder = Path.Combine(RepoPaths.Baselines, "Invalid", name);

        var result = Esc.RunIn(folder, string.Empty, "check", "policy.esc");

        result.ExitCode.ShouldBe(1);
        foreach (var line in File.ReadAllLines(Path.Combine(folder, "diagnostics.txt")))
        {
            result.Out.ShouldContain(line);
        }
    }

    [Fact]
    public void StandardInputThatIsNotUtf8IsEsc1008AsInAFile()
    {
        // Decoded by the console's reader, the byte passed as '�' and the policy checked clean.
        var bytes = "policy \"x\" version 1\n# caf\u00e9\nseverity s { acknowledge within 15m }\n"u8.ToArray();
        bytes = [.. bytes.AsSpan(0, 26), 0xE9, .. bytes.AsSpan(28)];

        var result = Esc.RunIn(RepoPaths.Root, new MemoryStream(bytes), "check", "-");

        result.ExitCode.ShouldBe(1);
        result.Out.ShouldContain("<stdin>:2:6: error[ESC1008]: The byte 0xE9 here is not UTF-8");
    }

    [Fact]
    public void StandardInputThatNeverEndsIsRefusedAfterSixteenMegabytes()
    {
        // Read whole into a string, `esc check - < /dev/zero` was an internal error.
        var result = Esc.RunIn(RepoPaths.Root, new EndlessZeros(), "check", "-");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("esc: <stdin>: cannot read: the file is larger than 16 MB, too large for a policy\n");
    }

    [Fact]
    public void StandardInputIsReadForADash()
    {
        var result = Esc.RunWithInput("policy \"x\" version 1\nseverity s { acknowledge within 15m }\nescalation r for s { after 5m: notify nobody }\n", "check", "-");

        result.ExitCode.ShouldBe(1);
        result.Out.ShouldContain("<stdin>:3:39: error[ESC2003]: Owner 'nobody' is not declared.");
    }

    [Fact]
    public void AByteOrderMarkOnStandardInputIsNotAnError()
    {
        // A file's mark is dropped when it is read; piped in (Windows editors write one), it used to be ESC1003 at 1:1.
        var result = Esc.RunWithInput("\uFEFFpolicy \"x\" version 1\nseverity s { acknowledge within 15x }\n", "lint", "-");

        result.ExitCode.ShouldBe(1);
        result.Out.ShouldStartWith("<stdin>:2:33: error[ESC2007]");
        result.Out.ShouldNotContain("ESC1003");
    }

    [Fact]
    public void AFileNotSavedAsUtf8IsOneErrorAtItsFirstBadByte()
    {
        using var folder = new LintTempFolder();
        var path = System.IO.Path.Combine(folder.Path, "latin1.esc");
        File.WriteAllBytes(path, System.Text.Encoding.Latin1.GetBytes("policy \"café\" version 1\nseverity s { acknowledge within 15m }\n"));

        var result = Esc.Run("lint", path);

        result.ExitCode.ShouldBe(1);
        result.Out.ShouldStartWith($"{path}:1:12: error[ESC1008]: The byte 0xE9 here is not UTF-8");
        result.Out.Split("error[").Length.ShouldBe(2);
    }

    [Fact]
    public void LinksToFoldersAreNotFollowedSoALinkUpTheTreeRepeatsNoFile()
    {
        using var folder = new LintTempFolder();
        var support = File.ReadAllText(RepoPaths.Combine("policies", "support.esc"));
        folder.Write("team/support.esc", support);
        Directory.CreateSymbolicLink(System.IO.Path.Combine(folder.Path, "team", "loop"), ".");
        // The link's target is no .esc file, so it is read once, and declares a policy name of its own (ESC2042).
        var other = folder.Write("team/other.txt", support.Replace("policy \"support\"", "policy \"other\"", StringComparison.Ordinal));
        File.CreateSymbolicLink(System.IO.Path.Combine(folder.Path, "linked.esc"), other);

        var result = Esc.Run("check", "--format", "json", folder.Path);

        result.ExitCode.ShouldBe(0, result.Out);
        System.Text.Json.Nodes.JsonNode.Parse(result.Out)!["files"]!.GetValue<int>().ShouldBe(2, "team/support.esc, and linked.esc read through its link");
    }

    [Fact]
    public void AFileThatNeverEndsIsRefusedAfterSixteenMegabytes()
    {
        var result = Esc.Run("check", "/dev/zero");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("esc: /dev/zero: cannot read the file: the file is larger than 16 MB, too large for a policy\n");
    }

    [Theory]
    [InlineData("check")]
    [InlineData("lint")]
    public async Task ANamedPipeInAFolderIsRefusedWithoutWaitingForAWriter(string command)
    {
        // Opened as a regular file, a pipe held the read until something wrote to it: esc never ended.
        using var folder = new LintTempFolder();
        folder.Write("support.esc", File.ReadAllText(RepoPaths.Combine("policies", "support.esc")));
        var pipe = System.IO.Path.Combine(folder.Path, "x.esc");
        await NamedPipes.CreateAsync(pipe);
        try
        {
            var result = await Task.Run(() => Esc.Run(command, folder.Path)).WaitAsync(TimeSpan.FromSeconds(60));

            result.ExitCode.ShouldBe(2);
            result.Error.ShouldBe($"esc: {pipe}: cannot read the file: the file is a named pipe, a socket or a terminal, not a regular file; a policy found in a folder is read from a regular file\n");
        }
        finally
        {
            await NamedPipes.ReleaseAsync(pipe);
        }
    }

    [Fact]
    public async Task ANamedPipeTheUserNamesIsReadOnceSomethingWritesToIt()
    {
        // As `esc check <(git show main:policies/support.esc)` does: refusing it would break a shell idiom.
        using var folder = new LintTempFolder();
        var pipe = System.IO.Path.Combine(folder.Path, "piped.esc");
        await NamedPipes.CreateAsync(pipe);
        var writer = Task.Run(() => File.WriteAllText(pipe, "policy \"x\" version 1\nseverity s { acknowledge within 15x }\n"));

        var result = await Task.Run(() => Esc.Run("check", pipe)).WaitAsync(TimeSpan.FromSeconds(60));
        await writer.WaitAsync(TimeSpan.FromSeconds(60));

        result.ExitCode.ShouldBe(1);
        result.Out.ShouldContain("piped.esc:2:33: error[ESC2007]");
    }

    [Fact]
    public void JsonFormatListsDiagnosticsWithPositions()
    {
        var result = Esc.RunWithInput("policy \"x\" version 1\nseverity s { acknowledge within 15x }\n", "check", "-", "--format", "json");

        result.ExitCode.ShouldBe(1);
        result.Out.ShouldContain("\"code\": \"ESC2007\"");
        result.Out.ShouldContain("\"line\": 2");
        result.Out.ShouldContain("\"column\": 33");
    }

    [Fact]
    public void AMissingPathIsAUsageError()
    {
        var result = Esc.Run("check", "no/such/file.esc");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("no/such/file.esc: no such file or folder");
    }

    /// <summary>Standard input as /dev/zero gives it: zero bytes without end.</summary>
    private sealed class EndlessZeros : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Clear(buffer, offset, count);
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
