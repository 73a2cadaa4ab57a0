namespace EscalationDsl.Simulation.Mapping;

/// <summary>
/// The keys every generic mapping has (docs/importers.md): the ticket id column, the layout, and the
/// columns that give severity, issue type, owner, engineering, fields and the report's queue and
/// category, read alike whatever else the mapping says about its rows.
/// </summary>
public interface IColumnMapping
{
    /// <summary>Separator, missing-value markers and the timestamp format.</summary>
    CsvLayout Layout { get; }

    /// <summary>The ticket id column.</summary>
    string Ticket { get; }

    /// <summary>Severity of created (and, for csv, severity_changed) events.</summary>
    ValueMap? Severity { get; }

    /// <summary>Issue type of created events.</summary>
    ValueMap? IssueType { get; }

    /// <summary>Owner of created and assigned events.</summary>
    ValueMap? Owner { get; }

    /// <summary>Maps to true when an assignment is to engineering.</summary>
    ValueMap? Engineering { get; }

    /// <summary>The source's queue column for reports (default: the owner column as written).</summary>
    string? Queue { get; }

    /// <summary>The source's category column for reports (default: the issue type column as written).</summary>
    string? Category { get; }

    /// <summary>Policy fields set from columns.</summary>
    IReadOnlyList<FieldColumn> Fields { get; }
}
