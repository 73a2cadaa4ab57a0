using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace EscalationDsl.Runtime.Events;

/// <summary>
/// UTF-8 that reads bytes that are not UTF-8 as <see cref="Mark"/>, a low surrogate on its own: valid
/// UTF-8 never decodes to one (a low surrogate always follows its high one), so the mark is outside
/// every text, U+FFFD and noncharacters such as U+FFFF included. .NET's decoder fallbacks refuse to
/// put half a surrogate pair into text (an ArgumentException, "String contains invalid Unicode code
/// points"), so this decodes by itself, one mark where UTF-8 puts one U+FFFD.
/// </summary>
internal sealed class MarkedUtf8Encoding : Encoding
{
    /// <summary>The mark for bytes that are not UTF-8 when no high surrogate comes before it (<see cref="IndexOfMark"/>).</summary>
    public const char Mark = '\uDCFF';

    public MarkedUtf8Encoding()
        : base(UTF8.CodePage)
    {
    }

    /// <summary>
    /// Where the first mark is, or -1. The same code unit after a high surrogate is the second half of a
    /// character such as U+1F4FF, and text.
    /// </summary>
    public static int IndexOfMark(ReadOnlySpan<char> text)
    {
        var from = 0;
        while (text[from..].IndexOf(Mark) is var found and >= 0)
        {
            var at = from + found;
            if (at == 0 || !char.IsHighSurrogate(text[at - 1]))
            {
                return at;
            }

            from = at + 1;
        }

        return -1;
    }

    /// <inheritdoc/>
    public override ReadOnlySpan<byte> Preamble => UTF8.Preamble;

    /// <inheritdoc/>
    public override byte[] GetPreamble() => UTF8.GetPreamble();

    /// <inheritdoc/>
    public override Decoder GetDecoder() => new MarkingDecoder();

    /// <inheritdoc/>
    public override int GetMaxCharCount(int byteCount) => MarkingDecoder.MaxChars(byteCount);

    /// <inheritdoc/>
    public override int GetCharCount(byte[] bytes, int index, int count) => new MarkingDecoder().GetCharCount(bytes, index, count, flush: true);

    /// <inheritdoc/>
    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex) =>
        new MarkingDecoder().GetChars(bytes, byteIndex, byteCount, chars, charIndex, flush: true);

    // Writing is UTF-8's own: the mark is only ever read.

    /// <inheritdoc/>
    public override int GetByteCount(char[] chars, int index, int count) => UTF8.GetByteCount(chars, index, count);

    /// <inheritdoc/>
    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex) => UTF8.GetBytes(chars, charIndex, charCount, bytes, byteIndex);

    /// <inheritdoc/>
    public override int GetMaxByteCount(int charCount) => UTF8.GetMaxByteCount(charCount);

    /// <summary>
    /// Decodes with <see cref="Utf8.ToUtf16"/>, which stops at bytes that are not UTF-8; the bytes of a
    /// character split between two reads wait in <see cref="pending"/> for the next.
    /// </summary>
    private sealed class MarkingDecoder : Decoder
    {
        private readonly byte[] pending = new byte[3];
        private int pendingCount;

        /// <summary>
        /// At most one character per byte, and one more: a sequence the last read left waiting that the
        /// next byte ends (its mark, or the surrogate pair it completes).
        /// </summary>
        public static int MaxChars(int byteCount) => byteCount + 1;

        public override void Reset() => pendingCount = 0;

        public override int GetCharCount(byte[] bytes, int index, int count) => GetCharCount(bytes, index, count, flush: false);

        public override int GetCharCount(byte[] bytes, int index, int count, bool flush) => GetCharCount(bytes.AsSpan(index, count), flush);

        public override int GetCharCount(ReadOnlySpan<byte> bytes, bool flush)
        {
            // Counting is decoding without keeping the result: the waiting bytes stay as they were.
            var chars = ArrayPool<char>.Shared.Rent(MaxChars(bytes.Length));
            Span<byte> waiting = stackalloc byte[3];
            pending.CopyTo(waiting);
            var waitingCount = pendingCount;
            try
            {
                return GetChars(bytes, chars, flush);
            }
            finally
            {
                waiting.CopyTo(pending);
                pendingCount = waitingCount;
                ArrayPool<char>.Shared.Return(chars);
            }
        }

        public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex) =>
            GetChars(bytes, byteIndex, byteCount, chars, charIndex, flush: false);

        public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex, bool flush) =>
            GetChars(bytes.AsSpan(byteIndex, byteCount), chars.AsSpan(charIndex), flush);

        public override int GetChars(ReadOnlySpan<byte> bytes, Span<char> chars, bool flush)
        {
            var written = 0;
            if (pendingCount > 0)
            {
                // The waiting bytes are the start of a valid sequence: at most 3 more bytes end it, one way or the other.
                Span<byte> joined = stackalloc byte[6];
                pending.AsSpan(0, pendingCount).CopyTo(joined);
                var taken = Math.Min(bytes.Length, 3);
                bytes[..taken].CopyTo(joined[pendingCount..]);
                var status = Rune.DecodeFromUtf8(joined[..(pendingCount + taken)], out var rune, out var consumed);
                if (status == OperationStatus.NeedMoreData && !flush)
                {
                    bytes.CopyTo(pending.AsSpan(pendingCount));
                    pendingCount += bytes.Length;
                    return 0;
                }

                written = status == OperationStatus.Done ? rune.EncodeToUtf16(chars) : Marked(chars, 0);
                bytes = bytes[(consumed - pendingCount)..];
                pendingCount = 0;
            }

            while (true)
            {
                var status = Utf8.ToUtf16(bytes, chars[written..], out var read, out var decoded, replaceInvalidSequences: false, isFinalBlock: flush);
                written += decoded;
                bytes = bytes[read..];
                switch (status)
                {
                    case OperationStatus.Done:
                        return written;
                    case OperationStatus.NeedMoreData:
                        bytes.CopyTo(pending);
                        pendingCount = bytes.Length;
                        return written;
                    case OperationStatus.InvalidData:
                        // One mark for what UTF-8 replaces by one U+FFFD: the longest start of a sequence.
                        Rune.DecodeFromUtf8(bytes, out _, out var invalid);
                        written += Marked(chars, written);
                        bytes = bytes[invalid..];
                        break;
                    default:
                        throw TooSmall();
                }
            }
        }

        private static int Marked(Span<char> chars, int at)
        {
            if (at >= chars.Length)
            {
                throw TooSmall();
            }

            chars[at] = Mark;
            return 1;
        }

        private static ArgumentException TooSmall() =>
            new("The buffer for the decoded characters is too small; give it GetMaxCharCount of the bytes.", "chars");
    }
}
