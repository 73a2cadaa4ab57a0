using Antlr4.Runtime;
using EscalationDsl.Language.Parsing.Generated;

namespace EscalationDsl.Language.Parsing;

/// <summary>
/// The generated parser, stopped before a condition nests deep enough to exhaust the stack:
/// ANTLR descends once per <c>not</c> and per parenthesis, and a stack overflow cannot be caught.
/// </summary>
internal sealed class DepthGuardedParser(ITokenStream input) : EscalationParser(input)
{
    /// <inheritdoc/>
    public override void EnterRecursionRule(ParserRuleContext localctx, int state, int ruleIndex, int precedence)
    {
        if (ruleIndex == RULE_condition)
        {
            // Only conditions recurse; the walk is bounded because it stops at the limit.
            var depth = 0;
            ConditionContext? outermost = null;
            for (var c = localctx; c is not null; c = c.Parent as ParserRuleContext)
            {
                if (c is ConditionContext condition)
                {
                    outermost = condition;
                    depth++;
                }
            }

            if (depth > ConditionDepth.Limit)
            {
                throw new ConditionTooDeepException(outermost!.Start);
            }
        }

        base.EnterRecursionRule(localctx, state, ruleIndex, precedence);
    }
}
