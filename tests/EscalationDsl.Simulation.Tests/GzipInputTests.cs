using EscalationDsl.Tests;
using System.IO.Compression;
using System.Text;
using EscalationDsl.Simulation.Mapping;
using EscalationDsl.Simulation.Input;
using EscalationDsl.Simulation.ServiceNow;
using EscalationDsl.Simulation.Sources;

namespace EscalationDsl.Simulation.Tests;

/// <summary>A gzip-compressed export (<c>.gz</c>) is read as the file it holds, and damage is refused, not read as an end.</summary>
public sealed class GzipInputTests
{
    private const string Csv = "id,ticket,at,type,severity\ne1,INC-1,2024-03-04T09:00:00Z,created,sev2\ne2,INC-1,2024-03-04T09:05:00Z,acknowledged,\n";

    private static readonly string Subset = Path.Combine(RepoPaths.SharedData, "incident_event_log_first1000incidents.csv");

    [Fact]
    public void TheServiceNowLogCompressedGivesTheSameRecordsAsTheCsv()
    {
        using var gz = Compressed(".csv.gz", File.ReadAllBytes(Subset));
        var plain = Records(new ServiceNowEventSource(Subset, "subset.csv", MappingFile.DefaultServiceNow(Policies.Support)));
        var compressed = Records(new ServiceNowEventSource(gz.Path, "subset.csv", MappingFile.DefaultServiceNow(Policies.Support)));

        plain.Count.ShouldBeGreaterThan(5_000);
        compressed.ShouldBe(plain);
    }

    [Theory]
    [InlineData(".jsonl.gz", "{\"id\":\"e1\",\"ticket\":\"INC-1\",\"at\":\"2024-03-04T09:00:00Z\",\"type\":\"created\",\"severity\":\"sev2\"}\n")]
    [InlineData(".csv.gz", Csv)]
    [InlineData(".gz", Csv)] // no format under the .gz: the content tells, as for a pipe
    public void CanonicalEventsTakeTheirFormatFromTheNameUnderGz(string extension, string content)
    {
        using var gz = Compressed(extension, Encoding.UTF8.GetBytes(content));
        using var source = new CanonicalEventSource(gz.Path, "events" + extension);

        var records = source.Read().ToList();

        records.ShouldAllBe(r => r.Kind == SourceRecordKind.Event);
        records[0].Event!.TicketId.ShouldBe("INC-1");
        source.Format.ShouldBe(extension == ".jsonl.gz" ? "jsonl" : "csv");
    }

    [Fact]
    public void TwoMembersOneAfterTheOtherAreReadAsOneFile()
    {
        // cat a.gz b.gz: the header is in the first member, the second row in the second.
        var lines = Csv.Split('\n');
        using var gz = new TempFile(".csv.gz", "");
        File.WriteAllBytes(gz.Path, [.. Gzip(Encoding.UTF8.GetBytes(lines[0] + "\n" + lines[1] + "\n")), .. Gzip(Encoding.UTF8.GetBytes(lines[2] + "\n"))]);
        using var source = new CanonicalEventSource(gz.Path, "events.csv.gz");

        source.Read().Select(r => r.Event!.EventId).ShouldBe(["e1", "e2"]);
    }

    [Fact]
    public void AFileCutShortIsRefusedNotReadAsItsEnd()
    {
        // Without strict validation .NET returns what it could decompress and stops, and the replay
        // would report on part of the history as if it were all of it.
        var whole = Gzip(File.ReadAllBytes(Subset));
        using var gz = new TempFile(".csv.gz", "");
        File.WriteAllBytes(gz.Path, whole[..(whole.Length / 2)]);
        using var source = new ServiceNowEventSource(gz.Path, "subset.csv.gz", MappingFile.DefaultServiceNow(Policies.Support));

        Should.Throw<SourceException>(() => source.Read().ToList()).Message
            .ShouldMatch(@"^subset\.csv\.gz: the gzip file is damaged or cut short: it does not decompress after [0-9,]+ bytes; download or export it again$");
    }

    [Fact]
    public void AnEmptyFileIsRefusedNotReadAsNoHistory()
    {
        using var gz = new TempFile(".csv.gz", "");

        Should.Throw<SourceException>(() => InputFile.Open(gz.Path, "log.csv.gz")).Message
            .ShouldBe("log.csv.gz: is empty, not a gzip file (one holds at least its header); download or export it again");
    }

    [Fact]
    public void DamagedDataIsRefused()
    {
        var bytes = Gzip(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Csv, 200))));
        bytes[^6] ^= 0xFF; // the CRC-32 in the trailer
        using var gz = new TempFile(".csv.gz", "");
        File.WriteAllBytes(gz.Path, bytes);
        using var input = InputFile.Open(gz.Path, "events.csv.gz");

        Should.Throw<SourceException>(() => input.Content.CopyTo(Stream.Null)).Message
            .ShouldStartWith("events.csv.gz: the gzip file is damaged or cut short: it does not decompress after ");
        input.EntryName.ShouldBe(Path.GetFileName(gz.Path)[..^3]);
    }

    private static List<string> Records(IEventSource source)
    {
        using (source)
        {
            return [.. source.Read().Select(r => $"{r.Kind} {r.Row} {r.Message} {r.Queue} {r.Category} {(r.Event is { } e ? Json(e) : "")}")];
        }
    }

    private static string Json(Runtime.Events.TicketEvent e)
    {
        var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            Runtime.Events.TicketEventJson.Write(writer, e);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static TempFile Compressed(string extension, byte[] content)
    {
        var file = new TempFile(extension, "");
        File.WriteAllBytes(file.Path, Gzip(content));
        return file;
    }

    private static byte[] Gzip(byte[] content)
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return buffer.ToArray();
    }
}
