using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>The SLA clocks a severity can set.</summary>
public enum SlaComponent
{
    /// <summary>Time to acknowledge (first response).</summary>
    Acknowledge,

    /// <summary>Time to the first customer update.</summary>
    FirstUpdate,

    /// <summary>Time to engineering assignment.</summary>
    Assign,

    /// <summary>Time to resolve or provide a mitigation.</summary>
    Mitigate,

    /// <summary>Time to resolve.</summary>
    Resolve,

    /// <summary>The communication cadence (`update every`): each missed interval is a breach.</summary>
    Update,
}
