using System.Globalization;
using System.Net;
using System.Text;

namespace EscalationDsl.Simulation.Rendering;

/// <summary>
/// Inline SVG charts drawn from numbers alone (no script, no external file), so the HTML report is one
/// file that opens offline and prints.
/// </summary>
internal static class SvgChart
{
    private const int Width = 960;

    /// <summary>The widest a column is drawn, in viewBox units.</summary>
    private const double MaxBarWidth = 48;

    /// <summary>
    /// From a point's middle to a diamond's tips (the second series) and to a square's sides (the third):
    /// the diamond's sides pass outside a hollow circle, its tips outside the square's sides, and the
    /// square's corners outside the diamond's sides.
    /// </summary>
    private const double DiamondReach = 6, SquareReach = 4.5;

    /// <summary>The room kept between a chart's text and the edge of its picture.</summary>
    private const int Margin = 10;

    /// <summary>The room between a bar's label and the bar.</summary>
    private const int LabelGap = 8;

    /// <summary>The font size of <c>.label</c> text (the report's stylesheet).</summary>
    private const double LabelSize = 12;

    /// <summary>Nice tick values for durations, in seconds.</summary>
    private static readonly double[] DurationTicks =
        [60, 300, 900, 3600, 4 * 3600, 86400, 4 * 86400, 14 * 86400, 60 * 86400, 365 * 86400];

    /// <summary>Weeks with fewer tickets than this are drawn hollow: their medians move a lot.</summary>
    public const int SmallSample = 30;

    /// <summary>
    /// Weekly lines on a logarithmic duration axis (a missing value breaks the line). Points whose
    /// series' <see cref="LineSeries.Counts"/> are below <see cref="SmallSample"/> are drawn hollow.
    /// </summary>
    public static string DurationLines(string title, IReadOnlyList<string> xLabels, IReadOnlyList<LineSeries> series)
    {
        const int height = 320, left = 70, right = 20, top = 40, bottom = 56;
        var values = series.SelectMany(s => s.Values).OfType<double>().ToList();
        var sb = Start(title, height);
        if (values.Count == 0 || xLabels.Count == 0)
        {
            return Empty(sb, height);
        }

        var lo = DurationTicks.LastOrDefault(t => t <= Math.Max(60, values.Min()), DurationTicks[0]);
        var hi = DurationTicks.FirstOrDefault(t => t >= values.Max(), DurationTicks[^1]);
        if (hi <= lo)
        {
            // All values on one tick (one week, or every value 0): the next tick up gives the axis a span.
            hi = DurationTicks.FirstOrDefault(t => t > lo, lo * 4);
        }

        var plotW = Width - left - right;
        var plotH = height - top - bottom;
        double X(int i) => left + (xLabels.Count == 1 ? plotW / 2.0 : i * (double)plotW / (xLabels.Count - 1));
        double Y(double v) => top + plotH - (Math.Log10(Math.Max(v, lo)) - Math.Log10(lo)) / (Math.Log10(hi) - Math.Log10(lo)) * plotH;

        foreach (var tick in DurationTicks.Where(t => t >= lo && t <= hi))
        {
            var y = Y(tick);
            sb.Append(Invariant($"<line x1=\"{left}\" y1=\"{y:F1}\" x2=\"{Width - right}\" y2=\"{y:F1}\" class=\"grid\"/>"));
            sb.Append(Invariant($"<text x=\"{left - 6}\" y=\"{y + 4:F1}\" class=\"axis\" text-anchor=\"end\">{Reporting.Formats.Duration((long)tick)}</text>"));
        }

        XLabels(sb, xLabels, X, top + plotH, left, Width - right);
        foreach (var s in series)
        {
            var path = new StringBuilder();
            var pen = false;
            for (var i = 0; i < s.Values.Count; i++)
            {
                if (s.Values[i] is not { } v)
                {
                    pen = false;
                    continue;
                }

                path.Append(Invariant($"{(pen ? " L" : " M")}{X(i):F1},{Y(v):F1}"));
                pen = true;
            }

            sb.Append(Invariant($"<path d=\"{path.ToString().Trim()}\" fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"2\"{(s.Dashed ? " stroke-dasharray=\"5 4\"" : "")}/>"));
        }

        // The later series' larger points go beneath, so an earlier point of the same value stays in sight.
        for (var k = series.Count - 1; k >= 0; k--)
        {
            var s = series[k];
            for (var i = 0; i < s.Values.Count; i++)
            {
                if (s.Values[i] is { } v)
                {
                    var hollow = s.Counts is { } counts && counts[i] < SmallSample;
                    var n = s.Counts is null ? "" : $" ({Reporting.Formats.Count(s.Counts[i], "ticket")})";
                    sb.Append(Point(k, X(i), Y(v), hollow, s.Color, Invariant($"{Escape(xLabels[i])}: {Escape(s.Name)} {Reporting.Formats.Duration((long)v)}{n}")));
                }
            }
        }

        Legend(sb, series.Select(s => (s.Name, s.Color, s.Dashed)).ToList(), left);
        var note = series.Any(s => s.Counts is { } counts && counts.Any(c => c < SmallSample)) ? Invariant($"; hollow points: weeks with fewer than {SmallSample} tickets") : "";
        sb.Append(Invariant($"<text x=\"{left}\" y=\"{height - 6}\" class=\"axis\">week starting{note}</text>"));
        var middle = top + plotH / 2.0;
        sb.Append(Invariant($"<text x=\"14\" y=\"{middle:F1}\" class=\"axis\" text-anchor=\"middle\" transform=\"rotate(-90 14 {middle:F1})\">time (log scale)</text>"));
        return End(sb);
    }

    /// <summary>Vertical bars, one per x label.</summary>
    public static string Columns(string title, IReadOnlyList<string> xLabels, IReadOnlyList<long> values, string color)
    {
        const int height = 260, left = 70, right = 20, top = 30, bottom = 56;
        var sb = Start(title, height);
        if (values.Count == 0)
        {
            return Empty(sb, height);
        }

        var max = NiceCeiling(values.Max());
        var plotW = Width - left - right;
        var plotH = height - top - bottom;
        var slot = (double)plotW / values.Count;
        // A few weeks would give bars hundreds of pixels wide; keep them about as wide as a label.
        var bar = Math.Min(slot * 0.7, MaxBarWidth);
        // Counts are whole: a quarter of a small maximum (1/4 of 1) is left out rather than rounded onto another tick.
        foreach (var v in Enumerable.Range(0, 5).Where(k => max * k % 4 == 0).Select(k => max * k / 4))
        {
            var y = top + plotH - (double)v / max * plotH;
            sb.Append(Invariant($"<line x1=\"{left}\" y1=\"{y:F1}\" x2=\"{Width - right}\" y2=\"{y:F1}\" class=\"grid\"/>"));
            sb.Append(Invariant($"<text x=\"{left - 6}\" y=\"{y + 4:F1}\" class=\"axis\" text-anchor=\"end\">{Reporting.Formats.Count(v)}</text>"));
        }

        for (var i = 0; i < values.Count; i++)
        {
            var h = (double)values[i] / max * plotH;
            sb.Append(Invariant($"<rect x=\"{left + (i + 0.5) * slot - bar / 2:F1}\" y=\"{top + plotH - h:F1}\" width=\"{bar:F1}\" height=\"{h:F1}\" fill=\"{color}\"><title>{Escape(xLabels[i])}: {Reporting.Formats.Count(values[i])}</title></rect>"));
        }

        XLabels(sb, xLabels, i => left + (i + 0.5) * slot, top + plotH, left, Width - right);
        return End(sb);
    }

    /// <summary>Horizontal bars of shares (0 to 1) with a note after each bar.</summary>
    public static string ShareBars(string title, IReadOnlyList<(string Label, double Share, string Note)> bars, string color)
    {
        const int row = 24, left = 190, top = 34, right = 230;
        var height = top + Math.Max(1, bars.Count) * row + 16;
        var sb = Start(title, height);
        if (bars.Count == 0)
        {
            return Empty(sb, height);
        }

        var max = Math.Max(0.01, bars.Max(b => b.Share));
        var plotW = Width - left - right;
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, share, note) = bars[i];
            var y = top + i * row;
            var w = share / max * plotW;
            sb.Append(Invariant($"<text x=\"{left - LabelGap}\" y=\"{y + 15}\" class=\"label\" text-anchor=\"end\">{Escape(TextWidth.Fit(label, left - LabelGap - Margin, LabelSize))}</text>"));
            sb.Append(Invariant($"<rect x=\"{left}\" y=\"{y + 3}\" width=\"{Math.Max(1, w):F1}\" height=\"{row - 8}\" fill=\"{color}\"><title>{Escape(label)}: {Escape(note)}</title></rect>"));
            sb.Append(Invariant($"<text x=\"{left + w + 6:F1}\" y=\"{y + 15}\" class=\"label\">{Escape(note)}</text>"));
        }

        return End(sb);
    }

    private static StringBuilder Start(string title, int height)
    {
        var sb = new StringBuilder();
        sb.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" role=\"img\" aria-label=\"{Escape(title)}\">"));
        sb.Append(Invariant($"<text x=\"10\" y=\"20\" class=\"title\">{Escape(title)}</text>"));
        return sb;
    }

    private static string Empty(StringBuilder sb, int height)
    {
        sb.Append(Invariant($"<text x=\"{Width / 2}\" y=\"{height / 2}\" class=\"axis\" text-anchor=\"middle\">no data</text>"));
        return End(sb);
    }

    private static string End(StringBuilder sb) => sb.Append("</svg>").ToString();

    /// <summary>The x labels (at most about 12) and the axis line along the whole plot, from its origin.</summary>
    private static void XLabels(StringBuilder sb, IReadOnlyList<string> labels, Func<int, double> x, double baseline, int plotLeft, int plotRight)
    {
        var step = Math.Max(1, (int)Math.Ceiling(labels.Count / 12.0));
        for (var i = 0; i < labels.Count; i += step)
        {
            sb.Append(Invariant($"<text x=\"{x(i):F1}\" y=\"{baseline + 16:F1}\" class=\"axis\" text-anchor=\"middle\">{Escape(labels[i])}</text>"));
        }

        sb.Append(Invariant($"<line x1=\"{plotLeft}\" y1=\"{baseline:F1}\" x2=\"{plotRight}\" y2=\"{baseline:F1}\" class=\"baseline\"/>"));
    }

    private static void Legend(StringBuilder sb, List<(string Name, string Color, bool Dashed)> items, int left)
    {
        var x = (double)left;
        for (var k = 0; k < items.Count; k++)
        {
            var (name, color, dashed) = items[k];
            sb.Append(Invariant($"<line x1=\"{x:F0}\" y1=\"32\" x2=\"{x + 22:F0}\" y2=\"32\" stroke=\"{color}\" stroke-width=\"3\"{(dashed ? " stroke-dasharray=\"5 4\"" : "")}/>"));
            sb.Append(Point(k, x + 11, 32, false, color, null));
            sb.Append(Invariant($"<text x=\"{x + 28:F0}\" y=\"36\" class=\"label\">{Escape(name)}</text>"));
            x += 40 + TextWidth.Of(name, LabelSize);
        }
    }

    /// <summary>
    /// A point of the series at <paramref name="index"/>: the first series draws circles, the second
    /// diamonds and the third squares, each reaching out further than the one before, so points of equal
    /// value drawn on top of each other (a week's median equal to its 90th percentile) all show.
    /// </summary>
    private static string Point(int index, double x, double y, bool hollow, string color, string? title)
    {
        var (element, shape) = (index % 3) switch
        {
            0 => ("circle", Invariant($"cx=\"{x:F1}\" cy=\"{y:F1}\" r=\"{(hollow ? 3 : 2.2)}\"")),
            1 => ("path", Invariant($"d=\"M{x:F1},{y - DiamondReach:F1} L{x + DiamondReach:F1},{y:F1} L{x:F1},{y + DiamondReach:F1} L{x - DiamondReach:F1},{y:F1} Z\"")),
            _ => ("rect", Invariant($"x=\"{x - SquareReach:F1}\" y=\"{y - SquareReach:F1}\" width=\"{2 * SquareReach:F1}\" height=\"{2 * SquareReach:F1}\"")),
        };
        var open = $"<{element} {shape} fill=\"{(hollow ? "#fff" : color)}\" stroke=\"{color}\" stroke-width=\"1.2\"";
        return title is null ? open + "/>" : $"{open}><title>{title}</title></{element}>";
    }

    private static long NiceCeiling(long v)
    {
        var magnitude = (long)Math.Pow(10, Math.Floor(Math.Log10(Math.Max(1, v))));
        foreach (var m in new[] { 1, 2, 5, 10 })
        {
            if (m * magnitude >= v)
            {
                return m * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One line of a chart.</summary>
/// <param name="Name">Legend text.</param>
/// <param name="Color">Stroke colour.</param>
/// <param name="Values">One value per x label; null leaves a gap.</param>
/// <param name="Dashed">Draw dashed.</param>
/// <param name="Counts">The tickets behind each value, shown in its tooltip; fewer than <see cref="SvgChart.SmallSample"/> draw it hollow.</param>
internal sealed record LineSeries(string Name, string Color, IReadOnlyList<double?> Values, bool Dashed = false, IReadOnlyList<long>? Counts = null);
