using System.Globalization;

namespace EscalationDsl.Engine.Tests.Agreement;

/// <summary>The <c>esc_</c> samples of one Prometheus text scrape, for sums over labels.</summary>
internal sealed class Scrape
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> samples = [];

    public Scrape(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("esc_", StringComparison.Ordinal))
            {
                continue;
            }

            var open = line.IndexOf('{');
            var close = line.LastIndexOf('}');
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in line[(open + 1)..close].Split("\","))
            {
                var eq = pair.IndexOf('=');
                labels[pair[..eq]] = pair[(eq + 2)..].TrimEnd('"');
            }

            samples.Add((line[..open], labels, double.Parse(line[(close + 2)..].Split(' ')[0], CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels hold every given label (none: all of them).</summary>
    public double Sum(string name, params (string Label, string Value)[] where) =>
        samples.Where(s => s.Name == name && where.All(w => s.Labels.GetValueOrDefault(w.Label) == w.Value)).Sum(s => s.Value);
}
