using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>
/// Two files checked together that declare one policy name (tests/Baselines/DuplicatePolicyName): the
/// engine runs one of them and refuses the other, so `esc check` and `esc lint` report ESC2042.
/// </summary>
public sealed class DuplicatePolicyNameTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Baselines, "DuplicatePolicyName");

    [Theory]
    [InlineData("text", "check.txt")]
    [InlineData("json", "check.json")]
    public void CheckOnTheFolderReportsTheFileReadSecondAndExitsOne(string format, string golden)
    {
        // Both passed with "0 errors" while the engine refused one of the files.
        var result = Esc.RunIn(Folder, string.Empty, "check", "policies/", "--format", format);

        result.ExitCode.ShouldBe(1, result.Error);
        result.Error.ShouldBe("checked 3 files: 1 error, 0 warnings\n");
        Golden.Match(Path.Combine(Folder, golden), result.Out);
    }

    [Fact]
    public void LintOnTheFolderReportsItAsCheckDoesAndExitsOne()
    {
        var result = Esc.RunIn(Folder, string.Empty, "lint", "policies/");

        result.ExitCode.ShouldBe(1, result.Error);
        result.Error.ShouldBe("linted 3 files: 1 error, 0 warnings, 0 infos; 1 file with errors not linted\n");
        Golden.Match(Path.Combine(Folder, "lint.txt"), result.Out);
    }

    [Fact]
    public void NamedFilesAreComparedInTheOrderTheyAreNamed()
    {
        var result = Esc.RunIn(Folder, string.Empty, "check", "policies/support.esc", "policies/billing.esc", "policies/support-copy.esc");

        result.ExitCode.ShouldBe(1);
        result.Out.ShouldStartWith("policies/support-copy.esc:2:8: error[ESC2042]: Policy 'support' is already declared in policies/support.esc on line 3, and policy names must be unique");
        result.Error.ShouldBe("checked 3 files: 1 error, 0 warnings\n");
    }

    [Fact]
    public void AFileNamedTwiceIsNotComparedWithItself()
    {
        var result = Esc.RunIn(Folder, string.Empty, "check", "policies/support.esc", "policies/support.esc");

        result.ExitCode.ShouldBe(0, result.Out);
        result.Out.ShouldBeEmpty();
    }

    [Fact]
    public void AThirdFileWithTheNameNamesTheFirst()
    {
        using var folder = new LintTempFolder();
        folder.Write("a.esc", File.ReadAllText(Path.Combine(Folder, "policies", "support.esc")));
        folder.Write("b.esc", File.ReadAllText(Path.Combine(Folder, "policies", "support-copy.esc")));
        folder.Write("c.esc", File.ReadAllText(Path.Combine(Folder, "policies", "support.esc")));

        var result = Esc.RunIn(folder.Path, string.Empty, "check", ".");

        result.ExitCode.ShouldBe(1);
        result.Out.Split('\n').Where(l => l.Contains("error[", StringComparison.Ordinal)).ShouldBe(
        [
            "b.esc:2:8: error[ESC2042]: Policy 'support' is already declared in a.esc on line 3, and policy names must be unique: the engine runs one of the files and refuses the others. Rename the policy in one of them, or remove one.",
            "c.esc:3:8: error[ESC2042]: Policy 'support' is already declared in a.esc on line 3, and policy names must be unique: the engine runs one of the files and refuses the others. Rename the policy in one of them, or remove one.",
        ]);
    }
}
