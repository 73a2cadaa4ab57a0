using EscalationDsl.Tests;
using System.IO.Compression;
using System.Text;
using EscalationDsl.Simulation.Input;
using EscalationDsl.Simulation.Sources;

namespace EscalationDsl.Simulation.Tests;

/// <summary>A .zip entry is checked against its CRC-32 at its end, and only there.</summary>
public sealed class CheckedEntryStreamTests
{
    private const string Csv = "id,ticket,at,type,severity\ne1,INC-1,2024-03-04T09:00:00Z,created,sev2\ne2,INC-1,2024-03-04T09:05:00Z,acknowledged,\n";

    [Fact]
    public async Task ReadsWithAnEmptyBufferOrPastTheEndFindNoMismatch()
    {
        using var zip = Archive("events.csv", Csv, damage: false);
        using var input = InputFile.Open(zip.Path, "events.zip");
        var content = input.Content;

        content.Read([], 0, 0).ShouldBe(0);
        content.Read(Span<byte>.Empty).ShouldBe(0);
        var all = new MemoryStream();
        var buffer = new byte[7];
        int n;
        while ((n = content.Read(buffer, 0, buffer.Length)) > 0)
        {
            all.Write(buffer, 0, n);
            content.Read(Span<byte>.Empty).ShouldBe(0);
        }

        Encoding.UTF8.GetString(all.ToArray()).ShouldBe(Csv);
        content.Read(buffer, 0, buffer.Length).ShouldBe(0);
        content.Read(buffer).ShouldBe(0);
        (await content.ReadAsync(buffer)).ShouldBe(0);
        content.ReadByte().ShouldBe(-1);
    }

    [Fact]
    public void AnEmptyEntryIsReadAsEmpty()
    {
        using var zip = Archive("events.csv", "", damage: false);
        using var input = InputFile.Open(zip.Path, "events.zip");

        input.Content.Read(new byte[16]).ShouldBe(0);
        input.Content.Read(new byte[16]).ShouldBe(0);
    }

    [Fact]
    public async Task ReadingAsynchronouslyChecksTheEntryToo()
    {
        using var zip = Archive("events.csv", Csv, damage: true);
        using var input = InputFile.Open(zip.Path, "events.zip");
        var buffer = new byte[5];

        var thrown = await Should.ThrowAsync<SourceException>(async () =>
        {
            while (await input.Content.ReadAsync(buffer.AsMemory()) > 0)
            {
            }
        });
        thrown.Message.ShouldBe("events.zip: the archive is damaged: the checksum of events.csv does not match its content; download or export it again, or extract the .csv and read that");
    }

    [Fact]
    public void ADamagedCanonicalEventsArchiveIsRefused()
    {
        using var zip = Archive("events.csv", Csv, damage: true);
        using var source = new CanonicalEventSource(zip.Path, "events.zip");

        Should.Throw<SourceException>(() => source.Read().ToList()).Message.ShouldStartWith("events.zip: the archive is damaged: the checksum of events.csv");
    }

    [Fact]
    public void AnIntactCanonicalEventsArchiveIsRead()
    {
        using var zip = Archive("events.csv", Csv, damage: false);
        using var source = new CanonicalEventSource(zip.Path, "events.zip");

        source.Read().Count().ShouldBe(2);
    }

    /// <summary>A stored (uncompressed) archive; with <paramref name="damage"/> one byte of the entry's data is changed.</summary>
    private static TempFile Archive(string entry, string content, bool damage)
    {
        var file = new TempFile(".zip", "");
        File.Delete(file.Path);
        TestArchive.Write(file.Path, entry, content, CompressionLevel.NoCompression);

        if (damage)
        {
            var bytes = File.ReadAllBytes(file.Path);
            var at = bytes.AsSpan().IndexOf("INC-1"u8);
            bytes[at + 4] = (byte)'7';
            File.WriteAllBytes(file.Path, bytes);
        }

        return file;
    }
}
