namespace EscalationDsl.Cli.Tests;

/// <summary>A command line that does not fit says so in one place, in esc's words, and exits with 2.</summary>
public sealed class CommandLineTests
{
    private const string Commands = "Commands: check, lint, graph, matrix, explain, sim, serve, hash-key, backup.";

    /// <summary>A valid command line for each command that reports unknown options (serve passes them to the engine).</summary>
    private static readonly Dictionary<string, string[]> ValidLines = new()
    {
        ["check"] = ["check", "policies/"],
        ["lint"] = ["lint", "policies/"],
        ["graph"] = ["graph", "policies/support.esc"],
        ["matrix"] = ["matrix", "policies/support.esc"],
        ["explain"] = ["explain", "policies/support.esc", "--events", "policies/events/sev1-network-outage.jsonl"],
        ["sim"] = ["sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl"],
        ["hash-key"] = ["hash-key"],
        ["backup"] = ["backup", "--output", "backup.db"],
    };

    public static TheoryData<string> CommandsWithOptions() => new(ValidLines.Keys);

    [Fact]
    public void EveryCommandButServeIsCoveredByTheUnknownOptionTests()
    {
        var root = EscApp.BuildRoot(new CliConsole(TextWriter.Null, TextWriter.Null, Stream.Null, Color: false, "."));

        ValidLines.Keys.ShouldBe(root.Subcommands.Select(c => c.Name).Where(n => n != "serve"), ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(CommandsWithOptions))]
    public void AnUnknownOptionIsNamedAfterTheValidLine(string command)
    {
        var result = Esc.Run([.. ValidLines[command], "--bogus"]);

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldBe($"esc {command}: unknown option '--bogus'.\nRun 'esc {command} --help' for usage.\n");
    }

    [Theory]
    [InlineData("check --bogus policies/", "esc check: unknown option '--bogus'.\nRun 'esc check --help' for usage.")]
    [InlineData("check policies/ --formt json", "esc check: unknown option '--formt'; did you mean '--format'?\nRun 'esc check --help' for usage.")]
    [InlineData("check -- --bogus", "esc: --bogus: no such file or folder")]
    [InlineData("hash-key a-key-of-sixteen-chars another", "esc hash-key: unexpected argument 'another'\nRun 'esc hash-key --help' for usage.")]
    [InlineData("explain policies/support.esc --event policies/events/sev1-network-outage.jsonl", "esc explain: unknown option '--event'; did you mean '--events'?\nRun 'esc explain --help' for usage.")]
    [InlineData("explain policies/support.esc --bogus --events policies/events/sev1-network-outage.jsonl extra", "esc explain: unknown option '--bogus'.\nesc explain: unexpected argument 'extra'\nRun 'esc explain --help' for usage.")]
    [InlineData("explain policies/support.esc --bogus extra --events policies/events/sev1-network-outage.jsonl extra", "esc explain: unknown option '--bogus'.\nesc explain: unexpected argument 'extra'\nRun 'esc explain --help' for usage.")]
    [InlineData("explain --events policies/events/sev1-network-outage.jsonl --bogus policies/support.esc", "esc explain: unknown option '--bogus'.\nRun 'esc explain --help' for usage.")]
    [InlineData("hash-key --bogus k k", "esc hash-key: unknown option '--bogus'.\nesc hash-key: unexpected argument 'k'\nRun 'esc hash-key --help' for usage.")]
    [InlineData("check policies/ --bogus -- extra", "esc check: unknown option '--bogus'.\nRun 'esc check --help' for usage.")]
    [InlineData("graph policies/support.esc --bogus value policies/support.esc", "esc graph: unknown option '--bogus'.\nesc graph: unexpected argument 'policies/support.esc'\nRun 'esc graph --help' for usage.")]
    [InlineData("frobnicate", $"esc: 'frobnicate' is not a command. {Commands}")]
    [InlineData("chek policies/", $"esc: 'chek' is not a command; did you mean 'check'? {Commands}")]
    [InlineData("diff policies/", $"esc: 'diff' is a planned command and does not exist yet (docs/cli.md#planned-commands). {Commands}")]
    [InlineData("fmt", $"esc: 'fmt' is a planned command and does not exist yet (docs/cli.md#planned-commands). {Commands}")]
    [InlineData("test", $"esc: 'test' is a planned command and does not exist yet (docs/cli.md#planned-commands). {Commands}")]
    [InlineData("drill", $"esc: 'drill' is a planned command and does not exist yet (docs/cli.md#planned-commands). {Commands}")]
    [InlineData("", $"esc: no command given. {Commands} Run 'esc --help' for usage.")]
    [InlineData("--vers", $"esc: unknown option '--vers'; did you mean '--version'? {Commands}")]
    [InlineData("explain policies/support.esc", "esc explain: Option '--events' is required.\nRun 'esc explain --help' for usage.")]
    public void AMistakeIsSaidOnceInEscsWords(string commandLine, string error)
    {
        var result = Esc.Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldBe(error + "\n");
    }

    [Fact]
    public void HelpShowsWhichArgumentsAreOptionalOrRepeat()
    {
        var result = Esc.Run("--help");

        result.ExitCode.ShouldBe(0);
        var commands = result.Out.Split('\n').SkipWhile(l => l != "Commands:").Skip(1).TakeWhile(l => l.Length > 0).Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries)[0]);
        commands.ShouldBe(["check <path>...", "lint <path>...", "graph <policy>", "matrix <policy>", "explain <policy>", "sim <policy>", "serve [--Engine:SETTING=VALUE...]", "hash-key [<key>]", "backup"]);
        result.Out.ShouldContain("Planned, not available yet: diff, fmt, test, drill (docs/cli.md#planned-commands).");
    }

    [Fact]
    public void ExplainHelpSaysEventsMayBeCsv()
    {
        var result = Esc.Run("explain", "--help");

        result.ExitCode.ShouldBe(0);
        // The help lines its descriptions up after the longest option, so the spaces between vary.
        result.Out.ShouldMatch(@"--events <events> \(REQUIRED\) +Ticket events: canonical JSON Lines \(\.jsonl\) or CSV \(\.csv\); docs/events\.md\.");
    }
}
