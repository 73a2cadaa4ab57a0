using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Graphs;
using EscalationDsl.Runtime.Matrix;
using EscalationDsl.Tests;
using NodaTime;

namespace EscalationDsl.Analysis.Tests;

/// <summary>
/// Mutated shipped policies through everything that loads a policy: parse and bind, lint, and, when
/// the policy checks clean, compile, graph, matrix and one ticket per severity. Whatever the input,
/// nothing may throw, every diagnostic must lie inside the text with a catalogued code, and a policy
/// with errors must lint with an error (a non-zero exit). Line endings, tabs and a byte order mark
/// must not move a diagnostic. Seeds are fixed, so a failure reproduces; it prints the input as a
/// C# literal. ESC_ROBUSTNESS_SCALE=N runs N times as many random cases.
/// </summary>
public sealed partial class FrontEndFuzzTests
{
    private static readonly int Scale =
        int.TryParse(Environment.GetEnvironmentVariable("ESC_ROBUSTNESS_SCALE"), CultureInfo.InvariantCulture, out var scale) && scale > 0 ? scale : 1;

    private static readonly HashSet<string> KnownCodes =
        [.. DiagnosticCatalog.Descriptors.Select(d => d.Code), .. LintRuleCatalog.All.Select(r => r.Code)];

    private static readonly Instant Created = Instant.FromUtc(2026, 11, 2, 9, 0);

    private static readonly string[] Vocabulary =
    [
        "policy", "\"p\"", "version", "calendar", "business", "\"UTC\"", "default", "hours", "holiday", "mon..fri", "09:00-17:00",
        "2026-12-25", "..", "owners", "team", "reports", "to", "fields", "flag", "number", "enum", "[", "]", ",", "severity",
        "within", "with", "every", "until", "assign", "route", "->", "escalation", "for", "any", "when", "owner", "driven",
        "by", "after", "unless", "since", "while", "up", "times", "immediately", "on", "notify", "page", "escalate", "next",
        "(", ")", "before", "only", "deescalate", "pause", "sla", "not", "and", "or", "==", "<=", "in", "older", "than",
        "during", "{", "}", ":", "#", "\"", "\\", "-", "\n", "\t", "# esc-disable-next-line ESL004", "# esc-disable-next-line",
    ];

    private static readonly string[] Unicode =
    [
        "\uFEFF", "\u00A0", "\u200B", "\u202E", "\u2028", "\u0085", "\u00E9", "e\u0301", "\U0001F525", "\uD800", "\uDC00", "\0",
        "\u0130", "\u212A", "\uFFFD", "ß", "日本", "\u000B", "\u000C", "\u001B[31m",
    ];

    private static readonly string[] HugeNumbers =
    [
        "0", "00", "2147483647", "2147483648", "4294967296", "9223372036854775807", "9223372036854775808",
        "99999999999999999999999999", "1" + new string('0', 400),
    ];

    private static readonly string[] OddDurations =
    [
        "0m", "1h0m", "5270400m", "5270401m", "87840h", "3660d", "523w", "9999999999w", "99999999999999999999m",
        string.Concat(Enumerable.Repeat("1w", 600)), "1x", "1mh", "1M", "15 minutes", "3660 business days", "3661 business days",
        "0 business hours", "99999999999999999999 business days", "1 business week", "2 hours on business",
    ];


    [Theory]
    [MemberData(nameof(TokenEdits.ShippedPolicies), MemberType = typeof(TokenEdits))]
    public void MutatedShippedPoliciesLoadLintAndCompileWithoutExceptions(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Policies, file));
        var seed = TokenEdits.StableSeed(file);
        var random = new Random(seed);
        for (var i = 0; i < 100 * Scale; i++)
        {
            var mutated = Mutate(text, random, out var mutation);
            Check(mutated, $"{file}, seed {seed}, case {i} ({mutation})");
        }
    }

    [Theory]
    [MemberData(nameof(TokenEdits.ShippedPolicies), MemberType = typeof(TokenEdits))]
    public void TruncatedFilesAndRandomBytesAreReportedInsideTheText(string file)
    {
        // Bytes, as esc reads a file, so some cuts and insertions fall inside a multi-byte character.
        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Policies, file));
        var random = new Random(TokenEdits.StableSeed(file) + 2);
        for (var at = 0; at < bytes.Length; at += 67)
        {
            Check(SourceText.FromBytes("fuzz.esc", bytes.AsSpan(0, at)), $"{file} truncated at byte {at}");
            var inserted = new byte[random.Next(1, 5)];
            random.NextBytes(inserted);
            Check(SourceText.FromBytes("fuzz.esc", [.. bytes.AsSpan(0, at), .. inserted, .. bytes.AsSpan(at)]), $"{file} with bytes {Convert.ToHexString(inserted)} inserted at byte {at}");
        }
    }

    [Theory]
    [MemberData(nameof(TokenEdits.ShippedPolicies), MemberType = typeof(TokenEdits))]
    public void LineEndingsTabsAndAByteOrderMarkDoNotMoveDiagnostics(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Policies, file)).ReplaceLineEndings("\n");
        var seed = TokenEdits.StableSeed(file) + 1;
        var random = new Random(seed);
        for (var i = 0; i < 15 * Scale; i++)
        {
            var mutated = Mutate(text, random, out var mutation, layout: false).Replace("\r", "", StringComparison.Ordinal);
            var description = $"{file}, seed {seed}, case {i} ({mutation})";
            var expected = Check(mutated, description);
            Check(mutated.Replace("\n", "\r\n", StringComparison.Ordinal), description + ", CRLF").ShouldBe(expected, description + ", CRLF\ninput: " + TokenEdits.Literal(mutated));
            Check(mutated.Replace('\n', '\r'), description + ", CR").ShouldBe(expected, description + ", CR\ninput: " + TokenEdits.Literal(mutated));
            Check(mutated.Replace(' ', '\t'), description + ", tabs").ShouldBe(expected, description + ", tabs\ninput: " + TokenEdits.Literal(mutated));
            Check("\uFEFF" + mutated, description + ", BOM").ShouldBe(expected, description + ", BOM\ninput: " + TokenEdits.Literal(mutated));
        }
    }

    [Fact]
    public void PathologicalPoliciesAreReportedNotThrown()
    {
        var header = "policy \"p\" version 1\nowners { team t }\nfields { n number\n a flag }\nseverity s { acknowledge within 15m }\n";
        string Rule(string condition) => header + $"escalation r for s when {condition} {{ owner t\n immediately: notify owner }}\n";
        string[] cases =
        [
            "",
            "\uFEFF",
            "# only a comment\n# and another",
            "\0\0\0\0",
            header + "severity " + new string('x', 100_000) + " { }",
            "policy \"" + new string('x', 100_000) + "\" version 1\nseverity s { }",
            Rule(string.Join(" and ", Enumerable.Repeat("a", 5_000))),
            Rule(new string('(', 5_000) + "a" + new string(')', 5_000)),
            Rule(string.Concat(Enumerable.Repeat("not ", 5_000)) + "a"),
            Rule(new string('(', 99) + "a" + new string(')', 99)),
            Rule(new string('(', 100) + "a" + new string(')', 100)),
            Rule("n in [" + string.Join(", ", Enumerable.Range(0, 5_000)) + "]"),
            header + new string('{', 5_000),
            header + new string('}', 5_000),
            header + string.Concat(Enumerable.Repeat("\"", 5_000)),
            .. HugeNumbers.SelectMany(n => new[]
            {
                Rule("n > " + n), Rule("n in [1, " + n + "]"), Rule("escalation_level == " + n),
                header.Replace("version 1", "version " + n, StringComparison.Ordinal),
                header + $"escalation r for s {{ every 1m up to {n} times: notify t }}",
                header + $"fields {{ e enum [{n}] }}\nroute e {{ {n} -> t }}",
            }),
            .. OddDurations.SelectMany(d => new[]
            {
                header.Replace("15m", d, StringComparison.Ordinal),
                "calendar c \"UTC\" { hours mon 09:00-09:01 }\n" + header.Replace("15m", d, StringComparison.Ordinal),
                Rule("created older than " + d),
                header + $"escalation r for s {{ after {d}: notify t\n every {d}: notify t }}",
            }),
        ];
        for (var i = 0; i < cases.Length; i++)
        {
            Check(cases[i], $"pathological case {i}");
        }
    }

    /// <summary>
    /// Loads the text the way every command does and checks the outcome; returns the diagnostics as
    /// <c>line:col code</c> so that layout variants can be compared.
    /// </summary>
    private static List<string> Check(string text, string description) => Check(new SourceText("fuzz.esc", text), description);

    private static List<string> Check(SourceText source, string description)
    {
        LintResult result;
        var positions = new List<string>();
        var text = source.Text;
        try
        {
            var model = SemanticModel.Create(source);
            result = Linter.Lint(model);
            if (source.InvalidUtf8 is not null)
            {
                result.Diagnostics.ShouldHaveSingleItem(description).Code.ShouldBe("ESC1008", description);
            }

            foreach (var d in result.Diagnostics)
            {
                var inside = d.Span.Start >= 0 && d.Span.Start <= d.Span.End && d.Span.End <= model.Source.Text.Length;
                inside.ShouldBeTrue($"{description}: {d.Code} span {d.Span} is outside the text (length {model.Source.Text.Length})\ninput: {TokenEdits.Literal(text)}");
                KnownCodes.ShouldContain(d.Code, $"{description}: {d.Code} is not a catalogued code\ninput: {TokenEdits.Literal(text)}");
                var position = model.Source.GetPosition(d.Span.Start);
                var headline = DiagnosticFormatter.Format(model.Source, d, color: false);
                headline.ShouldStartWith(
                    string.Create(CultureInfo.InvariantCulture, $"fuzz.esc:{position.Line}:{position.Column}: {DiagnosticFormatter.LevelName(d.Level)}[{d.Code}]: "),
                    customMessage: description);
                positions.Add(string.Create(CultureInfo.InvariantCulture, $"{position.Line}:{position.Column} {d.Code}"));
            }

            if (model.HasErrors)
            {
                result.Diagnostics.ShouldContain(d => d.IsError, $"{description}: the policy has errors but lints without one\ninput: {TokenEdits.Literal(text)}");
                return positions;
            }

            var compiled = CompiledPolicy.Compile(model);
            PolicyGraph.Export(compiled, GraphFormat.Dot);
            PolicyGraph.Export(compiled, GraphFormat.Mermaid);
            MatrixMarkdown.Render(QuickReferenceBuilder.Build(compiled.Model));
            RunOneTicketPerSeverity(compiled);
        }
        catch (ShouldAssertException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new ShouldAssertException($"{description} threw {e.GetType().Name}: {e.Message}\ninput: {TokenEdits.Literal(text)}\n{e.StackTrace}");
        }

        return positions;
    }

    /// <summary>Opens a ticket of each severity and runs its deadlines for a month: huge durations must not overflow.</summary>
    private static void RunOneTicketPerSeverity(CompiledPolicy compiled)
    {
        var runtime = new TicketRuntime(compiled);
        var decisions = new List<Decision>();
        foreach (var severity in compiled.Model.Severities)
        {
            var created = new TicketEvent { TicketId = "T-" + severity.Name, At = Created, Kind = TicketEventKind.Created, Severity = severity.Name };
            var ticket = runtime.Open(created, decisions);
            runtime.AdvanceTo(ticket, Created + Duration.FromDays(30), decisions);
        }
    }

    /// <summary>One to three edits of the kinds the brief of this test lists, each described for the failure message.</summary>
    private static string Mutate(string text, Random random, out string description, bool layout = true)
    {
        var edits = new List<string>();
        var tokens = TokenEdits.Tokenize(text);
        var count = random.Next(1, 4);
        for (var e = 0; e < count && tokens.Count > 0; e++)
        {
            var at = random.Next(tokens.Count);
            var kind = random.Next(layout ? 16 : 13);
            if (TokenEdits.TryApply(kind, at, tokens, random, Vocabulary, edits))
            {
                continue;
            }

            switch (kind)
            {
                case 4 or 5 or 6:
                    var lines = string.Concat(tokens).Split('\n').ToList();
                    var line = random.Next(lines.Count);
                    var otherLine = random.Next(lines.Count);
                    edits.Add($"{(random.Next(3) switch { 0 => "delete", 1 => "duplicate", _ => "swap" })} line {line + 1}");
                    if (edits[^1].StartsWith("delete", StringComparison.Ordinal))
                    {
                        lines.RemoveAt(line);
                    }
                    else if (edits[^1].StartsWith("duplicate", StringComparison.Ordinal))
                    {
                        lines.Insert(line, lines[line]);
                    }
                    else
                    {
                        edits[^1] += $" and {otherLine + 1}";
                        (lines[line], lines[otherLine]) = (lines[otherLine], lines[line]);
                    }

                    tokens = TokenEdits.Tokenize(string.Join('\n', lines));
                    break;
                case 7:
                    var numbers = Indexes(tokens, t => t.All(char.IsAsciiDigit));
                    var number = HugeNumbers[random.Next(HugeNumbers.Length)];
                    var n = numbers.Count > 0 ? numbers[random.Next(numbers.Count)] : at;
                    edits.Add($"number {number[..Math.Min(30, number.Length)]} at token {n}");
                    tokens[n] = number;
                    break;
                case 8:
                    var durations = Indexes(tokens, t => DurationToken().IsMatch(t));
                    var duration = OddDurations[random.Next(OddDurations.Length)];
                    var d = durations.Count > 0 ? durations[random.Next(durations.Count)] : at;
                    edits.Add($"duration {duration[..Math.Min(30, duration.Length)]} at token {d}");
                    tokens[d] = duration;
                    break;
                case 9:
                    var depth = random.Next(3) switch { 0 => random.Next(1, 8), 1 => random.Next(95, 105), _ => 2_000 };
                    var names = Indexes(tokens, t => NameToken().IsMatch(t));
                    var wrapped = names.Count > 0 ? names[random.Next(names.Count)] : at;
                    var form = random.Next(3);
                    edits.Add($"nest token {wrapped} {depth} deep ({(form == 0 ? "parentheses" : form == 1 ? "not" : "and")})");
                    tokens[wrapped] = form switch
                    {
                        0 => new string('(', depth) + tokens[wrapped] + new string(')', depth),
                        1 => string.Concat(Enumerable.Repeat("not ", depth)) + tokens[wrapped],
                        _ => string.Join(" and ", Enumerable.Repeat(tokens[wrapped], depth)),
                    };
                    break;
                case 10:
                    var ids = Indexes(tokens, t => NameToken().IsMatch(t));
                    var id = ids.Count > 0 ? ids[random.Next(ids.Count)] : at;
                    var length = random.Next(2) == 0 ? 300 : 20_000;
                    edits.Add($"name {length} long at token {id}");
                    tokens[id] = tokens[id] + new string('x', length);
                    break;
                case 11:
                    var unicode = Unicode[random.Next(Unicode.Length)];
                    edits.Add($"insert {TokenEdits.Literal(unicode)} at token {at}");
                    tokens.Insert(at, unicode);
                    break;
                case 12:
                    var bytes = new byte[random.Next(1, 12)];
                    random.NextBytes(bytes);
                    var inserted = Encoding.UTF8.GetString(bytes);
                    edits.Add($"insert bytes {Convert.ToHexString(bytes)} at token {at}");
                    tokens.Insert(at, inserted);
                    break;
                case 13:
                    var ending = random.Next(3) switch { 0 => "\r\n", 1 => "\r", _ => "\t" };
                    edits.Add($"newlines to {TokenEdits.Literal(ending)}");
                    tokens = TokenEdits.Tokenize(string.Concat(tokens).Replace("\n", ending, StringComparison.Ordinal));
                    break;
                case 14:
                    edits.Add("byte order mark");
                    tokens.Insert(0, "\uFEFF");
                    break;
                default:
                    edits.Add($"truncate at token {at}");
                    tokens.RemoveRange(at, tokens.Count - at);
                    break;
            }
        }

        description = string.Join(", ", edits);
        return string.Concat(tokens);
    }

    private static List<int> Indexes(List<string> tokens, Func<string, bool> predicate) =>
        Enumerable.Range(0, tokens.Count).Where(i => predicate(tokens[i])).ToList();

    [GeneratedRegex(@"\A[0-9]+[a-z]+\z")]
    private static partial Regex DurationToken();

    [GeneratedRegex(@"\A[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex NameToken();
}
