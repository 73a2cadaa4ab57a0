using System.Text.RegularExpressions;
using Shouldly;

namespace EscalationDsl.Tests;

/// <summary>
/// A documentation page and the examples on it whose output is shown. An example is an output block
/// (```text or ```json) introduced by a paragraph that ends in "prints:" (standard output) or "prints on
/// standard error:" and names the command in backticks ("`esc check example.esc` prints:"). Its input is the ```esc block just above it; output
/// blocks of earlier examples may stand between, so one policy can be shown in several formats. ```esc blocks
/// right above one another (prose between them) are one example's files, for a command that names several.
/// </summary>
internal sealed partial class DocPage
{
    private readonly string text;
    private readonly bool crlf;
    private readonly List<Block> blocks;

    private DocPage(string path, string raw)
    {
        Path = path;
        crlf = raw.Contains("\r\n", StringComparison.Ordinal);
        text = Normalize(raw);
        blocks = [.. FencedBlockPattern().Matches(text).Select(m => new Block(m.Groups[1].Value, m.Groups[2].Index, m.Groups[2].Value, Line(m.Index)))];
        Examples = FindExamples();
    }

    /// <summary>The page's file.</summary>
    public string Path { get; }

    /// <summary>The page relative to the repository root, for messages.</summary>
    public string Name => System.IO.Path.GetRelativePath(RepoPaths.Root, Path).Replace('\\', '/');

    /// <summary>Every example with its output, in page order.</summary>
    public IReadOnlyList<DocExample> Examples { get; }

    public static DocPage Load(string path)
    {
        File.Exists(path).ShouldBeTrue($"{System.IO.Path.GetRelativePath(RepoPaths.Root, path)} is missing");
        return new DocPage(path, File.ReadAllText(path));
    }

    /// <summary>The first ```esc block of the section under <paramref name="heading"/> (such as "## Fix").</summary>
    public string EscBlockUnder(string heading)
    {
        var start = text.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, $"{Name} has no '{heading}' section");
        var end = text.IndexOf("\n## ", start + heading.Length + 2, StringComparison.Ordinal);
        var block = blocks.FirstOrDefault(b => b.Language == "esc" && b.Start > start && (end < 0 || b.Start < end));
        block.ShouldNotBeNull($"{Name} has no ```esc block under '{heading}'");
        return block.Body;
    }

    /// <summary>
    /// Every ```esc block in page order, with the code that an <c>&lt;!-- expect: ESCnnnn --&gt;</c> line right
    /// above it says the block raises (null when the block must check clean).
    /// </summary>
    public IEnumerable<(Block Block, string? Expect)> EscBlocks() =>
        blocks.Select((b, i) => (Block: b, Expect: ExpectMarker().Match(Paragraph(i)) is { Success: true } m ? m.Groups[1].Value : null))
            .Where(x => x.Block.Language == "esc");

    /// <summary>
    /// Checks the output of every example against what <paramref name="run"/> prints for it, or rewrites
    /// the page's output blocks when ESC_UPDATE_BASELINES=1 or <paramref name="update"/> (keeping the file's line endings).
    /// </summary>
    public void OutputsShouldBe(Func<DocExample, string> run, bool update = false)
    {
        Examples.ShouldNotBeEmpty($"{Name} shows no example output");
        var changed = new List<(DocExample Example, string Actual)>();
        foreach (var example in Examples)
        {
            var actual = Normalize(run(example)).TrimEnd();
            if (actual != example.Expected)
            {
                changed.Add((example, actual));
            }
        }

        if ((update || RepoPaths.UpdateBaselines) && changed.Count > 0)
        {
            var updated = text;
            foreach (var (example, actual) in changed.OrderByDescending(c => c.Example.Output.Start))
            {
                updated = updated[..example.Output.Start] + actual + "\n" + updated[(example.Output.Start + example.Output.Body.Length)..];
            }

            File.WriteAllText(Path, crlf ? updated.Replace("\n", "\r\n", StringComparison.Ordinal) : updated);
            return;
        }

        changed.Select(c => $"{Name}:{c.Example.Output.Line}: `{c.Example.Command}` {(c.Example.StandardError ? "prints on standard error" : "prints")}\n{c.Actual}\n\nbut the page shows\n{c.Example.Expected}")
            .ShouldBeEmpty("if the change is intended, rerun with ESC_UPDATE_BASELINES=1 and review the diff");
    }

    private List<DocExample> FindExamples()
    {
        var examples = new List<DocExample>();
        var outputs = new HashSet<Block>();
        for (var i = 0; i < blocks.Count; i++)
        {
            var intro = Paragraph(i);
            var toError = intro.EndsWith("prints on standard error:", StringComparison.Ordinal);
            if (!toError && !intro.EndsWith("prints:", StringComparison.Ordinal))
            {
                (blocks[i].Language == "text" && i > 0 && blocks[i - 1].Language == "esc" && intro.Length == 0).ShouldBeFalse(
                    $"{Name}:{blocks[i].Line}: output right under an esc example must be introduced by \"`esc ...` prints:\" so that it is checked");
                continue;
            }

            var command = CommandPattern().Matches(intro).LastOrDefault();
            command.ShouldNotBeNull($"{Name}:{blocks[i].Line}: \"prints:\" names no `esc ...` command");
            var input = i - 1;
            while (input >= 0 && outputs.Contains(blocks[input]))
            {
                input--;
            }

            var policies = new List<string>();
            for (var above = input; above >= 0 && blocks[above].Language == "esc"; above--)
            {
                policies.Insert(0, blocks[above].Body);
            }

            outputs.Add(blocks[i]);
            examples.Add(new DocExample(command.Groups[1].Value, policies.LastOrDefault(), blocks[i], toError) { Policies = policies });
        }

        return examples;
    }

    /// <summary>The last paragraph of prose between block <paramref name="i"/> and the one before it.</summary>
    private string Paragraph(int i)
    {
        var from = i == 0 ? 0 : blocks[i - 1].Start + blocks[i - 1].Body.Length + 3;
        var to = text.LastIndexOf("```", blocks[i].Start, StringComparison.Ordinal);
        var prose = text[from..to].Trim();
        return prose[(prose.LastIndexOf("\n\n", StringComparison.Ordinal) + 1)..].Trim();
    }

    private int Line(int index) => text.AsSpan(0, index).Count('\n') + 1;

    private static string Normalize(string s) => s.Replace("\r\n", "\n", StringComparison.Ordinal);

    [GeneratedRegex(@"^```(\w*)\n(.*?)^```[ \t]*$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex FencedBlockPattern();

    [GeneratedRegex(@"^<!-- expect: (ESC\d{4}) -->$")]
    private static partial Regex ExpectMarker();

    [GeneratedRegex("`(esc [^`]*)`")]
    private static partial Regex CommandPattern();

    /// <summary>A fenced block: its language, where its body starts in the page, the body, and the line of its opening fence.</summary>
    internal sealed record Block(string Language, int Start, string Body, int Line);
}
