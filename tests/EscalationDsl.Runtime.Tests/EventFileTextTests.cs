using System.Text;
using System.Text.Unicode;
using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Runtime.Tests;

/// <summary>
/// Event files as esc reads them (<see cref="TicketEventJson.OpenText"/>): a line is refused as not UTF-8
/// exactly when its bytes are not UTF-8, whatever valid text it holds and wherever a read ends.
/// </summary>
public sealed class EventFileTextTests
{
    private const string Before = "{\"ticket\":\"T";
    private const string After = "\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\"}\n";

    [Theory]
    [InlineData("\uFFFF")]
    [InlineData("\uFFFD")]
    [InlineData("\uFFFE")]
    [InlineData("\U0010FFFF")]
    [InlineData("\U0001F4FF")] // its second half is the code unit that marks bytes that are not UTF-8
    [InlineData("\U0001F4FF\uFFFF\U0001F4FF")]
    public void ValidTextIsReadAsText(string text)
    {
        var read = Read(Encoding.UTF8.GetBytes(Before + text + After)).Single();

        read.Error.ShouldBeNull();
        read.Event!.TicketId.ShouldBe("T" + text);
    }

    [Theory]
    [InlineData("\\uffff", "\uFFFF")]
    [InlineData("\\ud83d\\udcff", "\U0001F4FF")]
    public void AnEscapeOfValidTextIsReadAsText(string escape, string text)
    {
        var read = Read(Encoding.UTF8.GetBytes(Before + escape + After)).Single();

        read.Error.ShouldBeNull();
        read.Event!.TicketId.ShouldBe("T" + text);
    }

    [Fact]
    public void AnEscapeOfHalfASurrogatePairIsAProblemOfItsLineNotBytesThatAreNotUtf8()
    {
        // "\udcff" is six ASCII characters in the file: valid UTF-8 that JSON reads as half a pair.
        var reads = Read(Encoding.UTF8.GetBytes(Before + "\\udcff" + After + Before + "2" + After));

        reads.Select(r => (r.Line, r.Error)).ShouldBe([(1L, "ticket: not valid text: an escape such as \\ud800 leaves half of a UTF-16 surrogate pair"), (2L, null)]);
    }

    [Fact]
    public void ALineIsRefusedExactlyWhenItsBytesAreNotUtf8WhereverTheReadsEnd()
    {
        // Valid characters next to the ones esc once took for a mark, and bytes that are not UTF-8:
        // a Windows-1252 'é', a lone continuation byte, a sequence cut short, an overlong '/', an
        // encoded surrogate (U+DCFF as CESU-8), a byte that never starts one.
        byte[][] pieces =
        [
            "a"u8.ToArray(), "\uFFFF"u8.ToArray(), "\uFFFD"u8.ToArray(), "\U0001F4FF"u8.ToArray(), "\u00e9"u8.ToArray(), "\U0010FFFF"u8.ToArray(),
            [0xE9], [0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x93], [0xC0, 0xAF], [0xED, 0xB3, 0xBF], [0xF5],
        ];
        var random = new Random(20261127);
        for (var i = 0; i < 2000; i++)
        {
            var middle = Enumerable.Range(0, random.Next(1, 6)).SelectMany(_ => pieces[random.Next(pieces.Length)]).ToArray();
            byte[] line = [.. Encoding.UTF8.GetBytes(Before), .. middle, .. Encoding.UTF8.GetBytes(After)];

            var read = Read(line).Single();

            var valid = Utf8.IsValid(middle);
            read.Error.ShouldBe(valid ? null : TicketEventJson.NotUtf8, Convert.ToHexString(middle));
            if (valid)
            {
                read.Event!.TicketId.ShouldBe("T" + Encoding.UTF8.GetString(middle));
            }
        }
    }

    [Fact]
    public void AUtf16FileWithAByteOrderMarkReadsUFFFFAsText()
    {
        // Whole: the reader looks for a UTF-16 mark only when its first read holds two bytes.
        using var reader = TicketEventJson.OpenText(new MemoryStream([.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(Before + "\uFFFF" + After)]));
        var read = TicketEventJson.ReadLines(reader).Single();

        read.Error.ShouldBeNull();
        read.Event!.TicketId.ShouldBe("T\uFFFF");
    }

    /// <summary>Reads JSON Lines from a stream that gives one byte per read, so every character is split across reads.</summary>
    private static List<EventParseResult> Read(byte[] bytes)
    {
        using var reader = TicketEventJson.OpenText(new OneByteAtATime(bytes));
        return [.. TicketEventJson.ReadLines(reader)];
    }

    private sealed class OneByteAtATime(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1)]);
    }
}
