using Antlr4.Runtime;

namespace EscalationDsl.Language.Parsing;

/// <summary>Ends a parse whose condition nests past <see cref="ConditionDepth.Limit"/>.</summary>
internal sealed class ConditionTooDeepException(IToken conditionStart) : Exception("A condition nests too deeply.")
{
    /// <summary>The first token of the outermost condition.</summary>
    public IToken ConditionStart { get; } = conditionStart;
}
