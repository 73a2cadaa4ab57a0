using System.Globalization;
using EscalationDsl.Simulation.Replay;
using EscalationDsl.Simulation.Reporting;

namespace EscalationDsl.Cli.Commands;

/// <summary>
/// Progress of a long <c>esc sim</c> run on standard error: a bar redrawn in place on a terminal, a plain
/// line every few seconds otherwise (CI logs), nothing with <c>--quiet</c>.
/// </summary>
internal sealed class SimProgressDisplay
{
    private static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);
    private readonly TextWriter error;
    private readonly bool terminal;
    private readonly TimeProvider time;
    private readonly long start;
    private TimeSpan last;
    private bool drawn;

    public SimProgressDisplay(CliConsole console, TimeProvider? time = null)
    {
        error = console.Error;
        this.time = time ?? TimeProvider.System;
        start = this.time.GetTimestamp();

        // Only the real console can be a terminal; tests pass string writers.
        terminal = ReferenceEquals(console.Error, Console.Error) && !Console.IsErrorRedirected;
    }

    public void Report(SimulationProgress progress)
    {
        var now = time.GetElapsedTime(start);
        if (now - last < (terminal ? TerminalInterval : LogInterval) && progress.Fraction < 1)
        {
            return;
        }

        last = now;
        var percent = (int)Math.Round(progress.Fraction * 100);
        var counts = $"{Formats.Count(progress.Rows, "row")}, {Formats.Count(progress.Tickets, "ticket")}, {Formats.Count(progress.BadRows, "bad row")}";

        // A fraction of 0 is unknown (a pipe has no length; or nothing is read yet): counts only.
        var known = progress.Fraction > 0;
        if (terminal)
        {
            const int width = 30;
            var filled = Math.Clamp(percent * width / 100, 0, width);
            var bar = known ? $"[{new string('#', filled)}{new string('.', width - filled)}] {percent,3}%" : "[reading]";
            error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{bar}  {counts}  "));
            drawn = true;
        }
        else if (progress.Fraction < 1)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"esc sim: {(known ? $"{percent}% read, " : "read ")}{counts}"));
        }
    }

    /// <summary>Clears the bar before other lines are written.</summary>
    public void Clear()
    {
        if (drawn)
        {
            error.Write("\r" + new string(' ', 100) + "\r");
            drawn = false;
        }
    }
}
