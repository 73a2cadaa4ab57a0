namespace EscalationDsl.Cli.Tests;

/// <summary>
/// A bug in esc (an exception no input should cause) ends with one line saying so, the stack trace to
/// report, and exit code 2, not the runtime's crash dump. The bug is planted in standard input: a
/// stream that throws what no real stream does.
/// </summary>
public sealed class InternalErrorTests
{
    [Fact]
    public void ABugEndsWithAnInternalErrorLineTheStackTraceAndExitCodeTwo()
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(output, error, new PlantedBugStream(), Color: false, EscalationDsl.Tests.RepoPaths.Root);

        var code = EscApp.Run(["lint", "-"], console);

        code.ShouldBe(ExitCodes.Usage);
        var lines = error.ToString().Split('\n');
        lines[0].ShouldBe("esc: internal error (a bug in esc, not in your input; please report it with the lines below): System.InvalidOperationException: a planted bug");
        lines[1].ShouldStartWith("System.InvalidOperationException: a planted bug");
        error.ToString().ShouldContain(nameof(PlantedBugStream));
        output.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void ACancellationThatReachesTheTopIsNotCalledABug()
    {
        var error = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(new StringWriter(), error, new PlantedBugStream(new OperationCanceledException()), Color: false, EscalationDsl.Tests.RepoPaths.Root);

        EscApp.Run(["lint", "-"], console).ShouldBe(130);
        error.ToString().ShouldBe("esc: cancelled\n");
    }

    private sealed class PlantedBugStream(Exception? planted = null) : Stream
    {
        private Exception Planted => planted ?? new InvalidOperationException("a planted bug");

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw Planted;

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
