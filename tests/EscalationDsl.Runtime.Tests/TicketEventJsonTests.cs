using System.Text.Json;
using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Runtime.Tests;

/// <summary>Reading one event object (docs/events.md): which error comes first, and how members are matched.</summary>
public sealed class TicketEventJsonTests
{
    private static (TicketEvent? Event, string? Error) Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var e = TicketEventJson.Parse(doc.RootElement, out var error);
        return (e, error);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(65_534)]
    [InlineData(65_535)]
    [InlineData(65_536)]
    [InlineData(65_537)]
    public void JsonLinesAreSplitAsReadLineSplitsThemWhereverTheReadsEnd(int padding)
    {
        // The reader reads 64 K characters at a time: a \r\n may fall across two reads.
        var created = "{\"ticket\":\"T\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\"}";
        var text = $"#{new string('x', padding)}\r\n{created}\r{created}\n\n{created}\r\n# end\r\n{created}";
        var expected = new List<string>();
        using (var lines = new StringReader(text))
        {
            while (lines.ReadLine() is { } line)
            {
                expected.Add(line);
            }
        }

        var results = TicketEventJson.ReadLines(new StringReader(text)).ToList();

        results.Select(r => r.Line).ShouldBe([2, 3, 5, 7]);
        results.Select(r => r.Line).ShouldBe(expected.Select((line, i) => (line, number: i + 1L)).Where(x => x.line.Length > 0 && x.line[0] != '#').Select(x => x.number));
        results.ShouldAllBe(r => r.Event != null && r.Error == null);
    }

    [Theory]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","sevrity":"sev1"}""", "sevrity: unknown field; did you mean severity? (fields of the ticket go inside \"fields\"; see docs/events.md)")]
    [InlineData("""{"type":5,"colour":"red"}""", "colour: unknown field (fields of the ticket go inside \"fields\"; see docs/events.md)")]
    [InlineData("""{"at":"2026-11-02T14:00:00Z","type":"created"}""", "ticket: every event needs the id of the ticket it belongs to")]
    [InlineData("""{"ticket":"T1","type":"created","id":5}""", "at: every event needs the time it happened, an ISO 8601 time with an offset such as 2026-11-26T14:05:00Z")]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:00:00Z"}""", "type: every event needs its type, one of created, acknowledged, first_update, customer_update, assigned, field_set, severity_changed, flagged, workaround_failed, mitigation, status, resolved, closed, reopened")]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","id":5,"owner":7}""", "id: must be a string")]
    [InlineData("""{"ticket":"","at":"2026-11-02T14:00:00Z","type":"created"}""", "ticket: must not be empty; every event needs the id of the ticket it belongs to")]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","engineering":"yes"}""", "engineering: must be true or false")]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","fields":[]}""", "fields: must be an object of field names to values")]
    [InlineData("""{"ticket":"T\ud800","at":"2026-11-02T14:00:00Z","type":"created"}""", "ticket: not valid text: an escape such as \\ud800 leaves half of a UTF-16 surrogate pair")]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","fields":{"customer":"a\udc00b"}}""", "fields.customer: not valid text: an escape such as \\ud800 leaves half of a UTF-16 surrogate pair")]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","fields":{"cu\ud800":"x"}}""", "fields.cu\\ud800: the name is not valid text: an escape such as \\ud800 leaves half of a UTF-16 surrogate pair")]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","x\ud800":1}""", "x\\ud800: unknown field (fields of the ticket go inside \"fields\"; see docs/events.md)")]
    public void TheFirstProblemIsNamed(string json, string error) => Parse(json).Error.ShouldBe(error);

    [Theory]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","a:b":1}""", "a:b")]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","fields":{"note:x":[1]}}""", "fields.note:x")]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","owner":7}""", "owner")]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:00Z","type":"created"}""", "at")]
    [InlineData("""[1]""", null)]
    public void TheMemberAtFaultIsGivenApartFromTheMessageWhoseNameMayHoldAColon(string json, string? member)
    {
        using var doc = JsonDocument.Parse(json);
        TicketEventJson.Parse(doc.RootElement, out var error, out var at).ShouldBeNull();
        at.ShouldBe(member);
        error.ShouldStartWith(member is null ? "an event" : member + ": ");
    }

    /// <summary>
    /// A hand-written event file: the reader's own words ("Expected depth to be zero at the end of the
    /// JSON payload", cut before the sentence that said an object was open) did not say how to fix the line.
    /// </summary>
    [Theory]
    [InlineData("{", "not valid JSON: the line ends before the event is closed (a '}', ']' or '\"' is missing, or the event is written over several lines); in JSON Lines each event is one whole JSON object on a line of its own (docs/events.md)")]
    [InlineData("""{"ticket":"T1","type":"created","fields":{"impact":"production"}""", "not valid JSON: the line ends before the event is closed (a '}', ']' or '\"' is missing, or the event is written over several lines); in JSON Lines each event is one whole JSON object on a line of its own (docs/events.md)")]
    [InlineData("""{"ticket":"T1","type":"created","severity":"sev1}""", "not valid JSON: the line ends before the event is closed (a '}', ']' or '\"' is missing, or the event is written over several lines); in JSON Lines each event is one whole JSON object on a line of its own (docs/events.md)")]
    [InlineData("""  "ticket": "T1",""", "not valid JSON: a member outside its object (is the event written over several lines?); in JSON Lines each event is one whole JSON object on a line of its own (docs/events.md)")]
    [InlineData("""{"ticket":"T1","type":"created"},""", "not valid JSON: a ',' after the event's closing '}'; in JSON Lines each event is one whole JSON object on a line of its own (docs/events.md), with no comma between events")]
    [InlineData("""{"ticket":"T1","type":"created"} {"ticket":"T1","type":"resolved"}""", "not valid JSON: more text after the event's closing '}'; in JSON Lines each event is one whole JSON object on a line of its own (docs/events.md)")]
    [InlineData("""{"ticket":"T1","type":"created"}}""", "not valid JSON: more text after the event's closing '}'; in JSON Lines each event is one whole JSON object on a line of its own (docs/events.md)")]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:00:00Z,"type":"created"}""", "not valid JSON: 't' is invalid after a value. Expected either ',', '}', or ']'")]
    [InlineData("""{"ticket":"T1",}""", "not valid JSON: a ',' with no member after it, before a closing '}' or ']'; remove that comma")]
    [InlineData("""{"ticket":"T1","fields":{"impact":"production",},}""", "not valid JSON: a ',' with no member after it, before a closing '}' or ']'; remove that comma")]
    [InlineData("}", "not valid JSON: '}' is an invalid start of a value")]
    public void ALineThatIsNotOneJsonValueSaysHowToFixIt(string line, string error)
    {
        var result = TicketEventJson.ReadLines(new StringReader(line)).ToList().ShouldHaveSingleItem();

        result.Event.ShouldBeNull();
        result.Error.ShouldBe(error);
    }

    [Fact]
    public void AByteOrderMarkAtTheStartOfALaterLineIsSkipped()
    {
        // Two event files joined with cat, the second saved with a byte order mark.
        var lines = TicketEventJson.ReadLines(new StringReader(
            "{\"ticket\":\"T1\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev3\"}\n\uFEFF# second file\n\uFEFF{\"ticket\":\"T1\",\"at\":\"2026-11-02T14:05:00Z\",\"type\":\"acknowledged\"}\n")).ToList();

        lines.Select(l => (l.Error, l.Line)).ShouldBe([(null, 1L), (null, 3L)]);
        lines[1].Event!.Kind.ShouldBe(TicketEventKind.Acknowledged);
    }

    /// <summary>
    /// A member written twice (a merge gone wrong, a template bug) is refused, not read with its last
    /// value: <c>"ticket":"T","ticket":"U"</c> was explained as ticket U. An escaped name is the same name.
    /// </summary>
    [Theory]
    [InlineData("""{"ticket":"T","at":"2026-11-02T14:00:00Z","type":"created","ticket":"U"}""", "ticket", "ticket: given twice in the event; keep one (the last would silently win)")]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev3","\u0073everity":"sev1"}""", "severity", "severity: given twice in the event; keep one (the last would silently win)")]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","fields":{"n":0,"n":1,"n":2}}""", "fields.n", "fields.n: given twice in \"fields\"; keep one (the last would silently win)")]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","fields":{"a":1},"fields":{"b":2}}""", "fields", "fields: given twice in the event; keep one (the last would silently win)")]
    public void AMemberGivenTwiceIsRefused(string json, string member, string error)
    {
        using var doc = JsonDocument.Parse(json);
        TicketEventJson.Parse(doc.RootElement, out var refused, out var at).ShouldBeNull();
        (refused, at).ShouldBe((error, member));
    }

    /// <summary>Past the fields compared in turn, their names are kept in a set: a repeat there is found too.</summary>
    [Fact]
    public void AFieldGivenTwiceAmongManyIsRefused()
    {
        const string Head = """{"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","fields":{""";
        var fields = string.Join(',', Enumerable.Range(0, 40).Select(i => $"\"f{i}\":{i}"));

        Parse(Head + fields + ",\"f30\":1}}").Error.ShouldBe("fields.f30: given twice in \"fields\"; keep one (the last would silently win)");
        Parse(Head + fields + "}}").Error.ShouldBeNull();
    }

    /// <summary>An event the engine stored before members given twice were refused replays as it ran: the last value counts.</summary>
    [Fact]
    public void AStoredEventWithAMemberGivenTwiceKeepsItsLastValue()
    {
        using var doc = JsonDocument.Parse("""{"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev3","severity":"sev1","fields":{"n":0,"n":1}}""");
        var e = TicketEventJson.ParseStored(doc.RootElement, out var error);

        error.ShouldBeNull();
        e!.Severity.ShouldBe("sev1");
        e.Fields.ShouldBe([KeyValuePair.Create("n", "0"), KeyValuePair.Create("n", "1")]);
    }

    /// <summary>An event file whose line writes a member twice is reported at that line, the member named.</summary>
    [Fact]
    public void AJsonLinesLineWithAMemberGivenTwiceIsReportedAtItsLine()
    {
        var lines = TicketEventJson.ReadLines(new StringReader(
            "{\"ticket\":\"T\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev3\"}\n{\"ticket\":\"T\",\"at\":\"2026-11-02T14:05:00Z\",\"type\":\"acknowledged\",\"ticket\":\"U\"}\n")).ToList();

        lines.Select(l => (l.Error, l.Line)).ShouldBe([(null, 1L), ("ticket: given twice in the event; keep one (the last would silently win)", 2L)]);
    }

    [Fact]
    public void EscapedMemberNamesMatch()
    {
        var (e, error) = Parse("""{"\u0074icket":"T1","at":"2026-11-02T14:00:00Z","type":"created","issue\u005ftype":"network_outage","engineering":true,"fields":{"impact":"down","users":12}}""");

        error.ShouldBeNull();
        e!.TicketId.ShouldBe("T1");
        e.IssueType.ShouldBe("network_outage");
        e.Engineering.ShouldBeTrue();
        e.Fields!.ShouldBe([KeyValuePair.Create("impact", "down"), KeyValuePair.Create("users", "12")]);
    }

    [Fact]
    public void NullMembersCountAsAbsent()
    {
        var (e, error) = Parse("""{"id":null,"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","owner":null,"engineering":null,"fields":null}""");

        error.ShouldBeNull();
        (e!.EventId, e.Owner, e.Engineering, e.Fields).ShouldBe((null, null, false, null));
    }

    /// <summary>
    /// Times in UTC in their shortest form take a fast path; every time must parse to what NodaTime's
    /// ISO pattern alone gives, accepted or refused alike.
    /// </summary>
    [Theory]
    [InlineData("2026-11-26T14:05:00Z", true)]
    [InlineData("2026-11-26T14:05:00.5Z", true)]
    [InlineData("2026-11-26T14:05:00.500Z", true)]
    [InlineData("2026-11-26T14:05:00.1234567Z", true)]
    [InlineData("2026-11-26T14:05:00.123456789Z", true)]
    [InlineData("2026-11-26T14:05:00.Z", false)]
    [InlineData("2024-02-29T00:00:00Z", true)]
    [InlineData("2026-02-29T00:00:00Z", false)]
    [InlineData("0001-01-01T00:00:00Z", true)]
    [InlineData("0000-01-01T00:00:00Z", true)]
    [InlineData("9999-12-31T23:59:59.9999999Z", true)]
    [InlineData("2026-11-26T24:00:00Z", true)] // ISO 8601 end of day: NodaTime reads it as midnight of the next day
    [InlineData("2026-11-26T14:05:60Z", false)]
    [InlineData("2026-11-26T14:05Z", false)]
    [InlineData("2026-11-26t14:05:00z", false)]
    [InlineData(" 2026-11-26T14:05:00Z", false)]
    [InlineData("2026-11-26T14:05:00 Z", false)]
    [InlineData("2026-11-26 14:05:00Z", false)]
    [InlineData("+2026-11-26T14:05:00Z", false)]
    [InlineData("2026-11-26T14:05:00+01:00", true)]
    [InlineData("2026-11-26T14:05:00-00:00", true)]
    [InlineData("2026-11-26T14:05:00+01", true)]
    [InlineData("2026-11-26T14:05:00", false)]
    [InlineData("20261126T140500Z", false)]
    public void TimesParseAsNodaTimesIsoPatternParsesThem(string text, bool accepted)
    {
        var parsed = TicketEventJson.ParseTime(text);
        parsed.ShouldBe(TicketEventJson.ParseTimeWithPattern(text));
        parsed.HasValue.ShouldBe(accepted);
    }

    [Theory]
    [InlineData("0000-11-02T14:00:00Z", "0000-11-02T14:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00", "0000-12-31T23:00:00Z")]
    [InlineData("-2026-11-02T14:00:00Z", "-2026-11-02T14:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z")]
    public void ATimeBeforeYearOneIsWrittenBackAsItReads(string text, string written)
    {
        // A crash hunt's F4/F5: such a time parses, and the message that refuses it (an event before its ticket's
        // created, an id used twice, a ticket export's milestone out of range) threw: DateTime holds nothing before year 1.
        TicketEventJson.FormatTime(TicketEventJson.ParseTime(text)!.Value).ShouldBe(written);
    }
}
