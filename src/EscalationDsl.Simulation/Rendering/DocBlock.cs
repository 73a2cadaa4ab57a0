namespace EscalationDsl.Simulation.Rendering;

/// <summary>One block of a report section: a paragraph, a sub-heading or a table.</summary>
internal abstract record DocBlock;

/// <summary>A paragraph of plain text.</summary>
internal sealed record DocText(string Text) : DocBlock
{
    /// <summary>
    /// A space no renderer breaks a line at, between a label and its number (<c>notify 670</c>): the text report
    /// and Markdown write it as a space, HTML as a no-break space.
    /// </summary>
    public const char NoBreak = '\u00A0';
}

/// <summary>A list of short items.</summary>
internal sealed record DocList(IReadOnlyList<string> Items) : DocBlock;

/// <summary>A sub-heading inside a section.</summary>
internal sealed record DocHeading(string Text) : DocBlock;

/// <summary>A table; numeric columns are right-aligned.</summary>
internal sealed record DocTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<bool> Numeric) : DocBlock;

/// <summary>A chart (only the HTML renderer draws it; others skip it).</summary>
internal sealed record DocChart(string Id) : DocBlock;

/// <summary>A titled section of the report.</summary>
internal sealed record DocSection(string Id, string Title, IReadOnlyList<DocBlock> Blocks);
