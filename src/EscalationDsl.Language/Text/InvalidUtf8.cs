namespace EscalationDsl.Language.Text;

/// <summary>
/// Where the bytes a <see cref="SourceText"/> was decoded from stop being UTF-8 text: the offset in
/// the text of the character that replaced them, and the first offending byte.
/// </summary>
/// <param name="Offset">The offset in <see cref="SourceText.Text"/>.</param>
/// <param name="Byte">The byte that is not UTF-8 (0x00 for a NUL, which no text file holds).</param>
public sealed record InvalidUtf8(int Offset, byte Byte);
