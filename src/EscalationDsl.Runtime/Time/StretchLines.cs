using System.Globalization;

namespace EscalationDsl.Runtime.Time;

/// <summary>
/// The stretches a wait is counted over, as a deadline's trace gives them: every stretch of a short wait,
/// and of a long one the first <see cref="Shown"/> and the last <see cref="Shown"/> with how many lie
/// between and how long they count in all (<c>… 2338 more stretches of 18704h in all …</c>), so a wait
/// that spans thousands of pauses still has a line of a few hundred characters whose sum adds up.
/// </summary>
internal sealed class StretchLines(List<string> trace)
{
    /// <summary>How many stretches are shown at each end of a long wait.</summary>
    public const int Shown = 3;

    private readonly Queue<(long Ms, string Text)> last = new(Shown + 1);
    private int count;
    private int hidden;
    private long hiddenMs;

    /// <summary>The number of stretches given so far (shown or not).</summary>
    public int Count => count;

    /// <summary>Gives one stretch of <paramref name="ms"/> counted milliseconds.</summary>
    public void Add(long ms, string text)
    {
        if (count++ < Shown)
        {
            trace.Add(text);
            return;
        }

        last.Enqueue((ms, text));
        if (last.Count > Shown)
        {
            hidden++;
            hiddenMs += last.Dequeue().Ms;
        }
    }

    /// <summary>Counts <paramref name="stretches"/> stretches of <paramref name="ms"/> in all without their text (they are not shown).</summary>
    public void Skip(int stretches, long ms)
    {
        count += stretches;
        hidden += stretches;
        hiddenMs += ms;
    }

    /// <summary>Writes what is held back (before a line that is not a stretch, and at the end).</summary>
    public void Flush()
    {
        if (hidden > 0)
        {
            trace.Add(hidden == 1
                ? $"… 1 more stretch of {TimeArithmetic.Span(hiddenMs)} …"
                : string.Create(CultureInfo.InvariantCulture, $"… {hidden} more stretches of {TimeArithmetic.Span(hiddenMs)} in all …"));
        }

        while (last.TryDequeue(out var line))
        {
            trace.Add(line.Text);
        }

        count = hidden = 0;
        hiddenMs = 0;
    }
}
