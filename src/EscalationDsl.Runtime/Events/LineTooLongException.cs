using System.Globalization;

namespace EscalationDsl.Runtime.Events;

/// <summary>
/// A line of a JSON Lines file longer than <see cref="TicketEventJson.MaxLineChars"/>: the file is not
/// JSON Lines text (a device such as /dev/zero, a binary file), and reading on would hold it all in memory.
/// Readers report it as <c>FILE:LINE: message</c>.
/// </summary>
public sealed class LineTooLongException(long line)
    : IOException($"the line is longer than {(TicketEventJson.MaxLineChars / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)} MB: the file is not JSON Lines text")
{
    /// <summary>The line, from 1.</summary>
    public long Line { get; } = line;
}
