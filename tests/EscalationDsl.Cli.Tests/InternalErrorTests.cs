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
        lines[1].ShouldStartWith("System.InvalidOperationException: a planted bug");
        error.ToString().ShouldContain(nameof(PlantedBugReader));
        output.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void ACancellationThatReachesTheTopIsNotCalledABug()
    {
        var error = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(new StringWriter(), error, new PlantedBugReader(new OperationCanceledException()), Color: false, EscalationDsl.Tests.RepoPaths.Root);

        EscApp.Run(["lint", "-"], console).ShouldBe(130);
        error.ToString().ShouldBe("esc: cancelled\n");
    }

    private sealed class PlantedBugReader(Exception? planted = null) : TextReader
    {
        private Exception Planted => planted ?? new InvalidOperationException("a planted bug");

        public override int Peek() => throw Planted;

        public override int Read() => throw Planted;

        public override int Read(char[] buffer, int index, int count) => throw Planted;

        public override string ReadToEnd() => throw Planted;
    }
}
