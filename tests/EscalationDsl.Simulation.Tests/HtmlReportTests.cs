using System.Text.RegularExpressions;
using System.Xml.Linq;
using EscalationDsl.Simulation.Rendering;
using EscalationDsl.Tests;

namespace EscalationDsl.Simulation.Tests;

/// <summary>
/// The HTML report's charts and stylesheet as emitted (no browser here; they were checked by eye in
/// headless Chromium, on screen and printed to A4).
/// </summary>
public sealed class HtmlReportTests
{
    private static readonly Lazy<string> OneWeek = new(() =>
    {
        var replay = Replays.Canonical(".jsonl", File.ReadAllText(Path.Combine(RepoPaths.Policies, "events", "sev1-network-outage.jsonl")));
        replay.Result!.Report.Weeks.Count.ShouldBe(1);
        return HtmlReport.Render(replay.Result.Report);
    });

    [Fact]
    public void PrintedTablesWrapInsteadOfScrollingSideways()
    {
        var print = PrintRules(OneWeek.Value);

        print.ShouldContain(".wrap { overflow: visible; }");
        print.ShouldContain("th, td { padding: 2px 5px; white-space: normal; }");
        print.ShouldContain("tr, .chart { break-inside: avoid; }");
    }

    [Fact]
    public void HeadersWrapOnScreenSoWideTablesFitWithoutScrolling()
    {
        var screen = OneWeek.Value.Split("@media print")[0];

        screen.ShouldContain("th { background: var(--band); font-weight: 600; white-space: normal;");
        screen.ShouldNotContain("th.n { text-align: right; white-space: nowrap; }");
    }

    [Fact]
    public void AOneWeekChartDrawsItsAxisFromThePlotsOrigin()
    {
        foreach (var chart in Charts(OneWeek.Value).Where(c => c.Descendants().Any(e => e.Name.LocalName is "circle" or "rect")).Where(c => !Title(c).StartsWith("Escalation rate", StringComparison.Ordinal)))
        {
            var baseline = chart.Elements().Where(e => e.Name.LocalName == "line" && (string?)e.Attribute("class") == "baseline").ShouldHaveSingleItem(Title(chart));
            ((string?)baseline.Attribute("x1")).ShouldBe("70", Title(chart));
            ((string?)baseline.Attribute("x2")).ShouldBe("940", Title(chart));
        }
    }

    [Fact]
    public void AOneWeekPeakOfOneTicketHasOneTickPerWholeNumber()
    {
        var load = Charts(OneWeek.Value).Single(c => Title(c) == "Peak open tickets, by week");

        AxisLabels(load).ShouldBe(["0", "1"]);
        var bar = load.Elements().Single(e => e.Name.LocalName == "rect");
        double.Parse((string)bar.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeLessThanOrEqualTo(48);
    }

    [Fact]
    public void AllZeroColumnsDrawAZeroAxisRatherThanNoData()
    {
        var chart = XElement.Parse(SvgChart.Columns("Peak open tickets, by week", ["2026-11-02", "2026-11-09"], [0, 0], "#6b4fb3"));

        chart.ToString().ShouldNotContain("no data");
        AxisLabels(chart).ShouldBe(["0", "1"]);
        chart.Elements().Count(e => e.Name.LocalName == "rect").ShouldBe(2);
    }

    [Fact]
    public void AllZeroDurationsGetAnAxisWithTwoTicks()
    {
        var chart = XElement.Parse(SvgChart.DurationLines("t", ["2026-11-02"], [new LineSeries("median", "#000", [0])]));

        AxisLabels(chart).ShouldBe(["1m", "5m"]);
    }

    [Fact]
    public void TheLogScaleIsNamedOnTheValueAxisNotUnderTheWeeks()
    {
        var chart = Charts(OneWeek.Value).First(c => Title(c) == "Time to first response, by week of creation");
        var texts = chart.Elements().Where(e => e.Name.LocalName == "text").ToList();

        texts.ShouldContain(t => t.Value.StartsWith("week starting", StringComparison.Ordinal) && !t.Value.Contains("log", StringComparison.Ordinal));
        var valueAxis = texts.Where(t => t.Value == "time (log scale)").ShouldHaveSingleItem();
        ((string?)valueAxis.Attribute("transform")).ShouldStartWith("rotate(-90");
    }

    [Fact]
    public void APrintedCellMayBreakAWordTooLongForThePageButNoOtherCellMay()
    {
        var longWord = "Category_" + new string('x', 60);
        var html = HtmlReport.Render(OneTicket.Resolved(longWord));

        html.ShouldContain("<td class=\"brk\">" + longWord + "</td>");
        html.ShouldContain("<td>desk</td>");
        PrintRules(html).ShouldContain("td.brk { overflow-wrap: anywhere; }");
    }

    [Theory]
    [InlineData(60, 'W')]
    [InlineData(60, 'm')]
    [InlineData(28, 'M')]
    [InlineData(200, '@')]
    [InlineData(40, '日')]
    [InlineData(3, 'W')]
    public void ABarsLabelOfAnyLengthEndsAtTheBarAndStartsInsideTheMargin(int length, char glyph)
    {
        var label = new string(glyph, length);
        var chart = XElement.Parse(SvgChart.ShareBars("Escalation rate by issue type", [(label, 0.5, "50.0% (1 of 2)"), ("short", 0.25, "25.0% (1 of 4)")], "#c2571a"));

        var text = chart.Elements().First(e => e.Name.LocalName == "text" && (string?)e.Attribute("text-anchor") == "end");
        var end = double.Parse((string)text.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture);
        end.ShouldBe(182);
        (end - TextWidth.Of(text.Value, 12)).ShouldBeGreaterThanOrEqualTo(10, text.Value);
        label.ShouldStartWith(text.Value.TrimEnd('…'));
        chart.Elements().First(e => e.Name.LocalName == "rect").Value.ShouldStartWith(label + ":");
    }

    [Fact]
    public void ALabelIsCutByTheRoomItsLettersTakeNotByTheirNumber()
    {
        var narrow = new string('i', 40);
        var wide = "Category_" + new string('W', 20);
        var chart = XElement.Parse(SvgChart.ShareBars("t", [(narrow, 1, "100%"), (wide, 1, "100%")], "#000"));

        var labels = chart.Elements().Where(e => e.Name.LocalName == "text" && (string?)e.Attribute("text-anchor") == "end").Select(e => e.Value).ToList();
        labels[0].ShouldBe(narrow);
        labels[1].ShouldBe("Category_WWWWWWW…");
    }

    [Theory]
    [InlineData("xxxxxxxxxx", "🚒")]
    [InlineData("xxxxxxxxxxxx", "e\u0301")]
    public void AnEmojiOrAnAccentedLetterIsKeptWholeWhenALabelIsCut(string start, string character)
    {
        var label = start + string.Concat(Enumerable.Repeat(character, 15));
        var chart = XElement.Parse(SvgChart.ShareBars("t", [(label, 1, "100%")], "#000"));

        var shown = chart.Elements().First(e => e.Name.LocalName == "text" && (string?)e.Attribute("text-anchor") == "end").Value;
        shown.ShouldEndWith("…");
        var kept = shown[..^1];
        kept.ShouldStartWith(start + character);
        label.ShouldStartWith(kept);
        label[kept.Length..].ShouldStartWith(character, customMessage: "cut between two whole characters");
    }

    [Fact]
    public void AMedianEqualToItsNinetiethPercentileStaysInSightAsOwnPoint()
    {
        var chart = Charts(OneWeek.Value).Single(c => Title(c) == "Time to first response, by week of creation");
        var points = chart.Elements().Where(e => e.Elements().Any(t => t.Name.LocalName == "title")).ToList();

        // One week of one ticket: the median and the 90th percentile are the same time.
        points.Count.ShouldBe(2);
        var median = points.Single(p => p.Value.Contains(": median ", StringComparison.Ordinal));
        var p90 = points.Single(p => p.Value.Contains(": 90th percentile ", StringComparison.Ordinal));
        median.Name.LocalName.ShouldBe("circle");
        p90.Name.LocalName.ShouldBe("path");
        points.IndexOf(median).ShouldBeGreaterThan(points.IndexOf(p90), "the median is drawn over the 90th percentile");
        var (cx, cy, r) = (Number(median, "cx"), Number(median, "cy"), Number(median, "r"));
        var corners = Regex.Matches((string)p90.Attribute("d")!, @"(-?[\d.]+),(-?[\d.]+)").Select(m => (X: double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Y: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        corners.Count.ShouldBe(4);
        corners.Average(c => c.X).ShouldBe(cx, 0.05);
        corners.Average(c => c.Y).ShouldBe(cy, 0.05);

        // The diamond's sides pass outside the circle and its stroke: the circle covers none of it.
        var halfDiagonal = corners.Max(c => Math.Abs(c.X - cx));
        (halfDiagonal / Math.Sqrt(2)).ShouldBeGreaterThan(r + 0.6 + 0.6);
    }

    [Fact]
    public void TheLegendShowsEachSeriesWithItsOwnPointShape()
    {
        var chart = XElement.Parse(SvgChart.DurationLines("t", ["2026-11-02"], [new LineSeries("a", "#111", [600]), new LineSeries("b", "#222", [600]), new LineSeries("c", "#333", [600])]));
        var elements = chart.Elements().ToList();
        var points = elements.Where(e => e.Elements().Any(t => t.Name.LocalName == "title")).ToList();
        var legend = elements.Skip(elements.IndexOf(points[^1]) + 1).Where(e => e.Name.LocalName is not ("text" or "line")).ToList();

        points.Select(e => (e.Name.LocalName, (string?)e.Attribute("stroke"))).ShouldBe([("rect", "#333"), ("path", "#222"), ("circle", "#111")]);
        legend.Select(e => (e.Name.LocalName, (string?)e.Attribute("stroke"))).ShouldBe([("circle", "#111"), ("path", "#222"), ("rect", "#333")]);
    }

    private static string PrintRules(string html) =>
        Regex.Match(html, @"@media print \{(.*?)\n\s*\}\n", RegexOptions.Singleline).Groups[1].Value;

    private static List<XElement> Charts(string html) =>
        [.. Regex.Matches(html, "<svg .*?</svg>", RegexOptions.Singleline).Select(m => XElement.Parse(m.Value))];

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, System.Globalization.CultureInfo.InvariantCulture);

    private static string Title(XElement chart) => (string)chart.Attribute("aria-label")!;

    /// <summary>The value axis' tick labels, bottom to top.</summary>
    private static List<string> AxisLabels(XElement chart) =>
        [.. chart.Elements().Where(e => e.Name.LocalName == "text" && (string?)e.Attribute("text-anchor") == "end" && (string?)e.Attribute("class") == "axis")
            .OrderByDescending(e => double.Parse((string)e.Attribute("y")!, System.Globalization.CultureInfo.InvariantCulture)).Select(e => e.Value)];
}
