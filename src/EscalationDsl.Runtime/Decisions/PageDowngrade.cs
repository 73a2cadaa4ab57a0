namespace EscalationDsl.Runtime.Decisions;

/// <summary>Why a page went out as a notification; carried by the <see cref="DecisionKind.Notify"/> decision that replaced it.</summary>
public enum PageDowngrade : byte
{
    /// <summary>Not a downgraded page: a page, a notification the policy wrote as one, or any other decision.</summary>
    None,

    /// <summary>Paging was stopped on the ticket (`stop paging`).</summary>
    PagingStopped,

    /// <summary>A policy-wide `page only when` did not hold; <see cref="Decision.PageGuard"/> says which.</summary>
    PolicyGuard,

    /// <summary>A `page only when` written inside the step's rule did not hold; <see cref="Decision.PageGuard"/> says which.</summary>
    RuleGuard,
}
