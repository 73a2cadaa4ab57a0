using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>What kind of owner a name stands for.</summary>
public enum OwnerKind
{
    /// <summary>A team, such as front-line support.</summary>
    Team,

    /// <summary>A role held by whoever is on duty, such as the incident commander.</summary>
    Role,

    /// <summary>A group such as an on-call rotation.</summary>
    Group,

    /// <summary>One named person.</summary>
    Person,
}
