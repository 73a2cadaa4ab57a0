using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>The type of a ticket field.</summary>
public enum FieldType
{
    /// <summary>True or false; raised by a `flagged` event or set by `field_set`.</summary>
    Flag,

    /// <summary>Free text.</summary>
    Text,

    /// <summary>An integer.</summary>
    Number,

    /// <summary>An instant (ISO 8601 with offset).</summary>
    Time,

    /// <summary>One of a declared list of values.</summary>
    Enum,

    /// <summary>The built-in `severity`: one of the declared severities.</summary>
    Severity,

    /// <summary>The built-in `owner`: one of the declared owners.</summary>
    Owner,

    /// <summary>A built-in event marker such as `acknowledged`: true once the event happened, with its time.</summary>
    Event,
}
