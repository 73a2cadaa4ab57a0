using System.Globalization;
using System.Text;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;
using EscalationDsl.Tests;

namespace EscalationDsl.Language.Tests;

/// <summary>
/// Thousands of broken inputs through the whole front end. Whatever the input, SemanticModel.Create
/// must not throw, every diagnostic must lie inside the text and carry a catalogued code, and the
/// formatter and model writer must cope with what comes out. Each test has a fixed seed, so a
/// failure reproduces; the failing input is printed as a C# string literal. The counts keep the
/// run to a few seconds; ESC_ROBUSTNESS_SCALE=N runs N times as many inputs for a deeper search.
/// </summary>
public sealed partial class RobustnessTests
{
    private static readonly int Scale =
        int.TryParse(Environment.GetEnvironmentVariable("ESC_ROBUSTNESS_SCALE"), CultureInfo.InvariantCulture, out var scale) && scale > 0 ? scale : 1;

    private static readonly HashSet<string> KnownCodes = DiagnosticCatalog.Descriptors.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);

    // Words and symbols of the language, so random text reaches past the first token now and then.
    private static readonly string[] Vocabulary =
    [
        "policy", "\"p\"", "version", "1", "calendar", "business", "\"UTC\"", "default", "hours", "holiday", "mon..fri",
        "09:00-17:00", "2026-12-25", "..", "owners", "team", "role", "group", "person", "engineering", "reports", "to",
        "fields", "flag", "text", "number", "time", "enum", "[", "]", ",", "severity", "sev1", "acknowledge", "within",
        "with", "every", "until", "assign", "route", "->", "escalation", "for", "any", "when", "owner", "driven", "by",
        "after", "15m", "4", "unless", "since", "while", "up", "times", "immediately", "on", "notify", "page", "escalate",
        "remind", "require", "stop", "paging", "enter", "monitor", "next", "(", ")", "before", "only", "deescalate",
        "pause", "sla", "not", "and", "or", "==", "!=", "<", "<=", ">", ">=", "in", "older", "than", "during", "{", "}",
        ":", "#", "\"", "\\", "-", "\n", "\r\n", "\r", "\t", " ",
    ];

    [Fact]
    public void RandomUtf8BytesNeverThrowAndKeepDiagnosticsInsideTheText()
    {
        var random = new Random(20260101);
        for (var i = 0; i < 1500 * Scale; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);

            // Bias towards ASCII now and then so some inputs lex as more than one error token.
            if (i % 2 == 0)
            {
                for (var b = 0; b < bytes.Length; b++)
                {
                    bytes[b] = (byte)(bytes[b] % 128);
                }
            }

            AssertWellBehaved(Encoding.UTF8.GetString(bytes), $"random bytes, seed 20260101, input {i}");
        }
    }

    [Fact]
    public void RandomCharactersWithLoneSurrogatesAndNulNeverThrow()
    {
        var random = new Random(424242);
        for (var i = 0; i < 1500 * Scale; i++)
        {
            var sb = new StringBuilder();
            var length = random.Next(0, 120);
            while (sb.Length < length)
            {
                sb.Append(random.Next(10) switch
                {
                    0 => ((char)random.Next(0xD800, 0xE000)).ToString(), // a lone surrogate, high or low
                    1 => "\0",
                    2 => ((char)random.Next(0, 0x20)).ToString(),
                    3 => char.ConvertFromUtf32(random.Next(0x1F300, 0x1F650)), // a surrogate pair
                    4 => ((char)random.Next(0x80, 0xD800)).ToString(),
                    5 or 6 => ((char)random.Next(0x20, 0x7F)).ToString(),
                    _ => Vocabulary[random.Next(Vocabulary.Length)] + " ",
                });
            }

            AssertWellBehaved(sb.ToString(), $"random characters, seed 424242, input {i}");
        }
    }


    [Theory]
    [MemberData(nameof(TokenEdits.ShippedPolicies), MemberType = typeof(TokenEdits))]
    public void TokenMutationsOfShippedPolicyNeverThrow(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Policies, file));
        var tokens = TokenEdits.Tokenize(text);
        var seed = TokenEdits.StableSeed(file);
        var random = new Random(seed);
        for (var i = 0; i < 800 * Scale; i++)
        {
            var mutated = Mutate(text, tokens, random, out var mutation);
            AssertWellBehaved(mutated, $"{file}, seed {seed}, mutation {i} ({mutation})");
        }
    }

    /// <summary>One to three random edits at the token or line level, or a truncation.</summary>
    private static string Mutate(string text, List<string> tokens, Random random, out string description)
    {
        var edits = new List<string>();
        var result = new List<string>(tokens);
        var count = random.Next(1, 4);
        for (var e = 0; e < count && result.Count > 0; e++)
        {
            var kind = random.Next(8);
            var at = random.Next(result.Count);
            if (TokenEdits.TryApply(kind, at, result, random, Vocabulary, edits))
            {
                continue;
            }

            switch (kind)
            {
                case 4:
                    edits.Add($"replace token {at} with a neighbour");
                    result[at] = result[Math.Clamp(at + random.Next(-5, 6), 0, result.Count - 1)];
                    break;
                default:
                    var lines = string.Concat(result).Split('\n').ToList();
                    var line = random.Next(lines.Count);
                    var otherLine = random.Next(lines.Count);
                    switch (kind)
                    {
                        case 5:
                            edits.Add($"delete line {line + 1}");
                            lines.RemoveAt(line);
                            break;
                        case 6:
                            edits.Add($"duplicate line {line + 1}");
                            lines.Insert(line, lines[line]);
                            break;
                        default:
                            edits.Add($"swap lines {line + 1} and {otherLine + 1}");
                            (lines[line], lines[otherLine]) = (lines[otherLine], lines[line]);
                            break;
                    }

                    result = TokenEdits.Tokenize(string.Join('\n', lines));
                    break;
            }
        }

        var mutated = string.Concat(result);
        if (random.Next(4) == 0 && mutated.Length > 0)
        {
            var cut = random.Next(mutated.Length + 1);
            edits.Add($"truncate at {cut}");
            mutated = mutated[..cut];
        }

        description = string.Join(", ", edits);
        return mutated;
    }

    private static void AssertWellBehaved(string text, string description)
    {
        SemanticModel model;
        try
        {
            model = SemanticModel.Create(new SourceText("fuzz.esc", text));
            foreach (var diagnostic in model.Diagnostics)
            {
                DiagnosticFormatter.Format(model.Source, diagnostic, color: true);
            }

            ModelWriter.Write(model.Policy);
        }
        catch (Exception e)
        {
            throw new ShouldAssertException($"{description} threw {e.GetType().Name}: {e.Message}\ninput: {TokenEdits.Literal(text)}\n{e.StackTrace}");
        }

        foreach (var d in model.Diagnostics)
        {
            var inside = d.Span.Start >= 0 && d.Span.Start <= d.Span.End && d.Span.End <= text.Length;
            inside.ShouldBeTrue($"{description}: {d.Code} span {d.Span} is outside the text (length {text.Length})\ninput: {TokenEdits.Literal(text)}");
            KnownCodes.ShouldContain(d.Code, $"{description}: {d.Code} is not in DiagnosticCatalog.Descriptors\ninput: {TokenEdits.Literal(text)}");
        }
    }
}
