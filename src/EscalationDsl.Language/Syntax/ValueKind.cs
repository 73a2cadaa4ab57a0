using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>How a value was written.</summary>
public enum ValueKind
{
    /// <summary>A bare word: <c>production</c>.</summary>
    Identifier,

    /// <summary>A quoted string: <c>"Category 26"</c>.</summary>
    String,

    /// <summary>An integer: <c>3</c>.</summary>
    Integer,
}
