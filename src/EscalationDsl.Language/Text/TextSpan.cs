namespace EscalationDsl.Language.Text;

/// <summary>
/// A range of a source text in UTF-16 code units: <see cref="Start"/> inclusive, <see cref="End"/> exclusive.
/// </summary>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>The offset just past the span.</summary>
    public int End => Start + Length;

    /// <summary>Creates the span from <paramref name="start"/> to <paramref name="end"/> (exclusive).</summary>
    public static TextSpan FromBounds(int start, int end) => new(start, Math.Max(0, end - start));

    /// <summary>The smallest span covering both spans.</summary>
    public TextSpan Cover(TextSpan other) => FromBounds(Math.Min(Start, other.Start), Math.Max(End, other.End));

    /// <summary>True when <paramref name="offset"/> lies inside the span (or at its end for empty spans).</summary>
    public bool Contains(int offset) => offset >= Start && (offset < End || (Length == 0 && offset == Start));

    /// <inheritdoc />
    public override string ToString() => $"[{Start}..{End})";
}
