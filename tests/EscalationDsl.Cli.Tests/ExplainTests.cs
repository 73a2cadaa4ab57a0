using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

public sealed class ExplainTests
{
    [Theory]
    [InlineData("policies/events/sev1-network-outage.jsonl")]
    [InlineData("policies/events/sev1-network-outage.csv")]
    public async Task EventsReadFromAPipeExplainAsFromTheFile(string file)
    {
        var piped = await SimTests.ThroughAPipe(file, fifo => Esc.Run("explain", "policies/support.esc", "--events", fifo));

        piped.Result.ExitCode.ShouldBe(0);
        piped.Result.Out.ShouldBe(Esc.Run("explain", "policies/support.esc", "--events", file).Out);
    }

    [Fact]
    public void ExplainOfTheExampleOutageMatchesItsGoldenTimeline()
    {
        var result = Esc.Run("explain", "policies/support.esc", "--events", "policies/events/sev1-network-outage.jsonl");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("escalated to network from commander, level 2");
        Golden.Match(Path.Combine(RepoPaths.Baselines, "Explain", "sev1-network-outage.txt"), result.Out);
    }

    [Theory]
    [InlineData("sev1-network-outage.jsonl", "outage.jsonl.gz")]
    [InlineData("sev1-network-outage.csv", "outage.csv.gz")]
    [InlineData("sev1-network-outage.csv", "outage.zip")]
    public void CompressedEventsAreExplainedAsEscSimReadsThem(string events, string compressed)
    {
        // esc sim read .gz and .zip; esc explain said "unknown event format '.gz'".
        var dir = Directory.CreateTempSubdirectory().FullName;
        var content = File.ReadAllText(Path.Combine(RepoPaths.Root, "policies", "events", events));
        if (compressed.EndsWith(".zip", StringComparison.Ordinal))
        {
            TestArchive.Write(Path.Combine(dir, compressed), events, content, System.IO.Compression.CompressionLevel.Fastest);
        }
        else
        {
            using var gzip = new System.IO.Compression.GZipStream(File.Create(Path.Combine(dir, compressed)), System.IO.Compression.CompressionLevel.Fastest);
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(content));
        }

        var result = Esc.RunIn(dir, string.Empty, "explain", Path.Combine(RepoPaths.Policies, "support.esc"), "--events", compressed);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldBe(Esc.Run("explain", "policies/support.esc", "--events", $"policies/events/{events}").Out);
    }

    [Fact]
    public void AnEventBeforeYearOneIsRefusedWithItsLineNotAnInternalError()
    {
        using var folder = new LintTempFolder();
        folder.Write("y0.jsonl", """
            {"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev1"}
            {"ticket":"T1","at":"0000-11-02T14:00:00Z","type":"resolved"}
            """);

        var result = Esc.RunIn(folder.Path, string.Empty, "explain", Path.Combine(RepoPaths.Policies, "support.esc"), "--events", "y0.jsonl");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("y0.jsonl:2: ticket 'T1': this resolved event at 0000-11-02T14:00:00Z comes before the ticket was created (line 1, 2026-11-02T14:00:00Z)\n");
    }

    [Fact]
    public void ATimelineThatGrowsWithoutEndStopsWithAMessageInsteadOfRunningForMinutes()
    {
        // The crash hunt's F1: steps every minute and --at ten years on ran for minutes and used gigabytes.
        using var folder = new LintTempFolder();
        folder.Write("everym.esc", """
            policy "p" version 1
            owners { team a "A" }
            severity sev1 { acknowledge within 1m
              update every 1m until contained }
            escalation r for sev1 { owner a
             every 1m while not acknowledged: notify a
             every 1m since customer_update while not contained: remind owner }
            """);
        folder.Write("em.jsonl", """
            {"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev1"}
            {"ticket":"T1","at":"2026-11-02T14:05:00Z","type":"status","status":"x"}
            """);

        var far = Esc.RunIn(folder.Path, string.Empty, "explain", "everym.esc", "--events", "em.jsonl", "--at", "+3650d");
        var near = Esc.RunIn(folder.Path, string.Empty, "explain", "everym.esc", "--events", "em.jsonl", "--at", "+2d", "--format", "json");

        far.ExitCode.ShouldBe(2);
        far.Out.ShouldBeEmpty();
        far.Error.ShouldBe("esc: the timeline of ticket 'T1' passed 100,000 entries by 2026-11-14T14:05:00Z, before 2036-10-30T14:00:00Z; give an earlier --at (a step that repeats every minute fires 1,440 times a day)\n");
        near.ExitCode.ShouldBe(0, near.Error);
        System.Text.Json.JsonDocument.Parse(near.Out).RootElement.GetProperty("timeline").GetArrayLength().ShouldBeGreaterThan(2 * 3 * 1440);
    }

    [Fact]
    public void ExplainAtAnEarlierTimeStopsThere()
    {
        var result = Esc.Run("explain", "policies/support.esc", "--events", "policies/events/sev1-network-outage.jsonl", "--at", "2026-11-02T14:31:00Z");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("state at 2026-11-02T14:31:00Z: escalated, severity sev1, owner commander, escalation level 1");
        result.Out.ShouldNotContain("event resolved");

        // A pending step says which step it is, as the timeline's deadline lines do (a trainee matched
        // `#3` against the handout by counting).
        result.Out.ShouldContain("  sev1_production #3           pending due 2026-11-02T15:00:00Z  (after 1h unless root_cause)\n");
    }

    [Fact]
    public void ExplainAsJsonCarriesDecisionsAndState()
    {
        var result = Esc.Run("explain", "policies/support.esc", "--events", "policies/events/sev1-network-outage.jsonl", "--format", "json");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("\"id\": \"INC-1042/sev1_production/3/1/0\"");
        result.Out.ShouldContain("\"state\": \"resolved\"");
    }

    [Fact]
    public void TheStateSaysWhichRulesForTheSeverityDoNotApplyAndWhy()
    {
        // A sev1 created without `impact: production` gets no rule and no owner; the state said only
        // "rules applying: none" (a trainer's drill lost its escalations without noticing why).
        string[] lines =
        [
            "{\"ticket\":\"T\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\",\"issue_type\":\"network_outage\"}",
            "{\"ticket\":\"T\",\"at\":\"2026-11-02T14:20:00Z\",\"type\":\"acknowledged\"}",
        ];

        var text = ExplainLines(lines);
        text.ExitCode.ShouldBe(0, text.Error);
        text.Out.ShouldContain("  rules applying: none\n  rules for sev1 not applying now: sev1_production (when impact == production), security (when security_flagged)\n");

        var json = ExplainLines(lines, "--format", "json");
        json.ExitCode.ShouldBe(0, json.Error);
        using var document = System.Text.Json.JsonDocument.Parse(json.Out);
        var idle = document.RootElement.GetProperty("state").GetProperty("idleRules");
        idle.EnumerateArray().Select(r => (r.GetProperty("rule").GetString(), r.GetProperty("when").GetString()))
            .ShouldBe([("sev1_production", "impact == production"), ("security", "security_flagged")]);

        // Resolved, no rule applies to the ticket at all, so none is listed as not applying.
        var resolved = ExplainLines([.. lines, "{\"ticket\":\"T\",\"at\":\"2026-11-02T15:00:00Z\",\"type\":\"resolved\"}"]);
        resolved.Out.ShouldNotContain("not applying now");
    }

    [Fact]
    public void ATextValueOneLetterOffAComparedOneIsWarnedOf()
    {
        // `pause sla while status == awaiting_customer`: a status of "awaiting customer" is taken as written,
        // so the clocks silently never paused (a trainer's drill lost its pause without a word).
        var result = ExplainLines(
        [
            "{\"ticket\":\"T\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev2\",\"issue_type\":\"database\"}",
            "{\"ticket\":\"T\",\"at\":\"2026-11-02T14:10:00Z\",\"type\":\"status\",\"status\":\"awaiting customer\"}",
            "{\"ticket\":\"T\",\"at\":\"2026-11-02T14:20:00Z\",\"type\":\"status\",\"status\":\"in_progress\"}",
        ]);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldBe("t.jsonl:2: warning: status 'awaiting customer' is none of the values policy support names for status, and a text value is taken as written; did you mean awaiting_customer?\n");
        result.Out.ShouldNotContain("SLA clocks paused");
    }

    [Fact]
    public void AValueOneLetterOffACodeIsAnotherValueNotAWarning()
    {
        // A review's reproducer: us-east-1b, fr-ch and iran each drew "did you mean us-east-1a / fr-ca / iraq?",
        // though each is a zone, locale or country of its own; a letter case slip is still warned of.
        using var folder = new LintTempFolder();
        folder.Write("fp.esc", """
            policy "fp" version 1
            owners {
                team frontline "Front line"
            }
            fields {
                zone text
                locale text
                country text
            }
            severity sev1 "Critical" {
                acknowledge within 1h
            }
            escalation r for sev1 when zone == "us-east-1a" or locale == "fr-ca" or country == "iraq" {
                owner frontline
            }
            """);
        folder.Write("fp.jsonl", """
            {"ticket": "T", "type": "created", "at": "2026-11-23T10:00:00Z", "severity": "sev1", "fields": {"zone": "us-east-1b", "locale": "fr-ch", "country": "iran"}}
            {"ticket": "T", "type": "field_set", "at": "2026-11-23T10:05:00Z", "fields": {"zone": "us-east-1aa"}}
            {"ticket": "T", "type": "field_set", "at": "2026-11-23T10:06:00Z", "fields": {"zone": "us-east-1A"}}

            """);

        var result = Esc.RunIn(folder.Path, string.Empty, "explain", "fp.esc", "--events", "fp.jsonl");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldBe("fp.jsonl:3: warning: zone 'us-east-1A' is none of the values policy fp names for zone, and a text value is taken as written; did you mean us-east-1a?\n");
    }

    [Fact]
    public void TheTimelineKeepsItsColumnsInLineWhenATimeHasAFraction()
    {
        var result = ExplainLines(
            [
                "{\"ticket\":\"T\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\"}",
                "{\"ticket\":\"T\",\"at\":\"2026-11-02T14:03:00.250Z\",\"type\":\"acknowledged\"}",
            ]);

        result.ExitCode.ShouldBe(0, result.Error);
        var rows = result.Out.Split('\n').Where(l => l.StartsWith("2026-", StringComparison.Ordinal)).ToList();
        rows.Count.ShouldBeGreaterThan(2);
        // The kind (event, decision, ...) starts where the spaces after the time end.
        rows.Select(r => r.Length - r[r.IndexOf(' ', StringComparison.Ordinal)..].TrimStart(' ').Length)
            .Distinct().ShouldHaveSingleItem($"every kind starts in one column:\n{string.Join('\n', rows)}");
    }

    [Fact]
    public void ABadEventLineIsReportedWithItsLineAndField()
    {
        var result = ExplainLines(
            [
                "{\"ticket\":\"T\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\"}",
                "{\"ticket\":\"T\",\"at\":\"yesterday\",\"type\":\"acknowledged\"}",
            ]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("t.jsonl:2: at: 'yesterday' is not an ISO 8601 time");
    }

    [Fact]
    public void TimesOutsideTheSpanEscHandlesAreRefusedNotCrashedOn()
    {
        var late = ExplainLines(["{\"ticket\":\"T\",\"at\":\"9999-12-31T23:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\"}"]);
        late.ExitCode.ShouldBe(2);
        late.Error.ShouldBe("t.jsonl:1: at: 9999-12-31T23:00:00Z is outside the times esc handles, from 1970-01-01 to the end of 2199 (UTC)\n");

        var at = ExplainLines(["{\"ticket\":\"T\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\"}"], "--at", "9999-01-01T00:00:00Z");
        at.ExitCode.ShouldBe(2);
        at.Error.ShouldBe("esc: --at: '9999-01-01T00:00:00Z' is outside the times esc handles, from 1970-01-01 to the end of 2199 (UTC)\n");
    }

    [Fact]
    public void ASecondCreatedEventIsRefusedAsInSimAndTheEngine()
    {
        var result = ExplainLines(
            [
                "{\"ticket\":\"A\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\"}",
                "{\"ticket\":\"A\",\"at\":\"2026-11-02T14:05:00Z\",\"type\":\"created\",\"severity\":\"sev3\"}",
            ]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("t.jsonl:2: ticket 'A' already has a created event (line 1); a ticket is created once\n");
    }

    /// <summary>
    /// A ticket's created event out of place, said as esc sim says it. A typo in a later time sorts that
    /// event first: "must start with a created event, not acknowledged" pointed at a file that did.
    /// </summary>
    [Theory]
    [InlineData("2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1", "2026-11-02T13:20:00Z\",\"type\":\"acknowledged",
        "t.jsonl:2: ticket 'A': this acknowledged event at 2026-11-02T13:20:00Z comes before the ticket was created (line 1, 2026-11-02T14:00:00Z)")]
    [InlineData("2026-11-02T14:05:00Z\",\"type\":\"acknowledged", "2026-11-02T14:10:00Z\",\"type\":\"first_update",
        "t.jsonl:1: ticket 'A' has no created event; a ticket starts with created")]
    public void ATicketThatDoesNotStartWithItsCreatedEventIsToldWhy(string first, string second, string error)
    {
        var result = ExplainLines(["{\"ticket\":\"A\",\"at\":\"" + first + "\"}", "{\"ticket\":\"A\",\"at\":\"" + second + "\"}"]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe(error + "\n");
    }

    [Fact]
    public void AnEventRepeatedUnderItsIdIsARetryAppliedOnce()
    {
        // A history export that logged a client's retries twice: the engine applied each event once.
        string[] once =
        [
            "{\"id\":\"e1\",\"ticket\":\"A\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\",\"fields\":{\"impact\":\"production\",\"impact_confirmed\":\"true\"}}",
            "{\"id\":\"e2\",\"ticket\":\"A\",\"at\":\"2026-11-02T14:05:00Z\",\"type\":\"assigned\",\"owner\":\"network\"}",
            "{\"id\":\"e3\",\"ticket\":\"A\",\"at\":\"2026-11-02T15:00:00Z\",\"type\":\"resolved\"}",
        ];
        string[] twice =
        [
            once[0],
            once[1],
            "{\"ticket\":\"A\",\"id\":\"e1\",\"type\":\"created\",\"at\":\"2026-11-02T14:00:00Z\",\"severity\":\"sev1\",\"fields\":{\"impact_confirmed\":\"true\",\"impact\":\"production\"}}",
            once[1],
            once[2],
        ];

        var expected = ExplainLines(once, "--format", "json");
        var result = ExplainLines(twice, "--format", "json");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldBeEmpty();
        result.Out.ShouldBe(expected.Out);
    }

    [Fact]
    public void AnotherEventUnderAUsedIdIsRefusedAsTheEngineRefusesIt()
    {
        var result = ExplainLines(
            [
                "{\"id\":\"e1\",\"ticket\":\"A\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\"}",
                "{\"id\":\"e2\",\"ticket\":\"A\",\"at\":\"2026-11-02T14:05:00Z\",\"type\":\"assigned\",\"owner\":\"network\"}",
                "{\"id\":\"e2\",\"ticket\":\"A\",\"at\":\"2026-11-02T14:05:00Z\",\"type\":\"assigned\",\"owner\":\"backend\"}",
            ]);

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldBe("t.jsonl:3: event id 'e2' was already used for another event on line 2 (assigned of ticket 'A' at 2026-11-02T14:05:00Z); give every event its own id, and repeat exactly the same event for a retry\n");
    }

    [Fact]
    public void AnEventThePolicyDoesNotKnowIsRejected()
    {
        var result = ExplainLines(["{\"ticket\":\"T\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev7\"}"]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("t.jsonl:1: severity: 'sev7' is not a severity of policy 'support' (sev1, sev2, sev3)");
    }

    [Fact]
    public void AJsonFileIsNotTakenForJsonLines()
    {
        // esc sim refused .json while explain read it as JSON Lines; a .json file is usually one document.
        var result = ExplainFile("t.json", ["{\"ticket\":\"T\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\"}"]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("esc: t.json: unknown event format '.json'; use JSON Lines (.jsonl) or CSV (.csv), see docs/events.md\n");
    }

    [Fact]
    public void AValueWithALineBreakStaysOnItsTimelineLine()
    {
        // The value was printed as it is, so its line break started a line that belonged to no entry.
        var result = ExplainLines(
        [
            "{\"ticket\":\"T\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev3\"}",
            "{\"ticket\":\"T\",\"at\":\"2026-11-02T14:05:00Z\",\"type\":\"field_set\",\"fields\":{\"workaround\":\"restart\\nthe\\tclient\\u0007\\u2028\"}}",
        ]);

        result.ExitCode.ShouldBe(0);
        result.Out.Split('\n').ShouldContain("2026-11-02T14:05:00Z  event     event field_set workaround=restart\\nthe\\tclient\\u0007\\u2028");
    }

    [Theory]
    [InlineData("ticket,at,type,severity\nT,2026-11-02T14:00:00Z,created,sev1\n\n", 4)]
    [InlineData("ticket,at,type,severity,\"customer\nnote\"\n", 3)] // the readers took a first row to start on line 2 whatever the header spanned
    public void ARowLongerThanCsvReadsIsAProblemOfTheFileNotACrash(string before, int line)
    {
        using var folder = new LintTempFolder();
        folder.Write("long.csv", $"{before}T,\"{new string('x', 17_000_000)}\n");

        var result = Esc.RunIn(folder.Path, string.Empty, "explain", RepoPaths.Combine("policies", "support.esc"), "--events", "long.csv");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe($"esc: long.csv:{line}: the row is longer than 16 MB: a quote that is never closed, or a file that is not CSV text\n");
    }

    [Theory]
    [InlineData("explain", "--events", "long.jsonl")]
    [InlineData("sim", "--quiet", "--tickets", "long.jsonl")]
    public void AJsonLinesLineLongerThanIsReadIsAProblemOfTheFileNotACrash(params string[] command)
    {
        // ReadLine held a line of any length: a JSON Lines file without line breaks was read until memory ran out.
        using var folder = new LintTempFolder();
        folder.Write("long.jsonl", $"{{\"ticket\":\"T\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\"}}\r\n\r\n{{\"x\":\"{new string('x', 17_000_000)}\"}}\n");

        var result = Esc.RunIn(folder.Path, string.Empty, [command[0], RepoPaths.Combine("policies", "support.esc"), .. command[1..]]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("esc: long.jsonl:3: the line is longer than 16 MB: the file is not JSON Lines text\n");
    }

    [Theory]
    [InlineData("explain", "policies/support.esc", "--events")]
    [InlineData("sim", "policies/support.esc", "--quiet", "--tickets")]
    [InlineData("sim", "policies/support.esc", "--quiet", "--import", "servicenow", "--tickets")]
    public void InputThatNeverEndsALineIsAProblemOfTheFileNotACrash(params string[] command)
    {
        var result = Esc.Run([.. command, "/dev/zero"]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("esc: /dev/zero:1: the row is longer than 16 MB: a quote that is never closed, or a file that is not CSV text\n");
    }

    /// <summary>Runs <c>esc explain policies/support.esc --events t.jsonl</c> on these lines, in a folder of their own.</summary>
    internal static Esc.Result ExplainLines(string[] lines, params string[] more) => ExplainFile("t.jsonl", lines, more);

    /// <summary>Runs <c>esc explain policies/support.esc --events NAME</c> on a file of these lines, in a folder of its own.</summary>
    private static Esc.Result ExplainFile(string name, string[] lines, params string[] more)
    {
        var dir = Directory.CreateTempSubdirectory();
        File.WriteAllText(Path.Combine(dir.FullName, name), string.Concat(lines.Select(l => l + "\n")));
        return Esc.RunIn(dir.FullName, string.Empty, ["explain", Path.Combine(RepoPaths.Policies, "support.esc"), "--events", name, .. more]);
    }
}
