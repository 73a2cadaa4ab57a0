namespace EscalationDsl.Cli.Tests;

/// <summary>
/// A bug in esc (an exception no input should cause) ends with one line saying so, the stack trace to
/// report, and exit code 2, not the runtime's crash dump. The bug is planted in standard input: a
/// reader that throws what no real stream does.
/// </summary>
public sealed class InternalErrorTests
{
    [Fact]
    public void ABugEndsWithAnInternalErrorLineTheStackTraceAndExitCodeTwo()
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(output, error, new PlantedBugReader(), Color: false, EscalationDsl.Tests.RepoPaths.Root);

        var code = EscApp.Run(["lint", "-"], console);

        code.ShouldBe(ExitCodes.Usage);
        var lines = error.ToString().Split('\n');
        lines[0].ShouldBe("esc: internal error (a bug in esc, not in your input; please report it with the lines below): System.InvalidOperationException: a planted bug");
        lines[1].ShouldContain(nameof(PlantedBugReader));
        output.ToString().ShouldBeEmpty();
    }

    private sealed class PlantedBugReader : TextReader
    {
        public override int Peek() => throw new InvalidOperationException("a planted bug");

        public override int Read() => throw new InvalidOperationException("a planted bug");

        public override int Read(char[] buffer, int index, int count) => throw new InvalidOperationException("a planted bug");

        public override string ReadToEnd() => throw new InvalidOperationException("a planted bug");
    }
}
