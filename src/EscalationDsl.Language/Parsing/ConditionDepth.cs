using Antlr4.Runtime.Tree;
using static EscalationDsl.Language.Parsing.Generated.EscalationParser;

namespace EscalationDsl.Language.Parsing;

/// <summary>
/// How deep a condition may nest. Every stage after the parser (binder, linter, runtime) walks
/// conditions recursively, so a bound here keeps all of them off the end of the stack.
/// </summary>
internal static class ConditionDepth
{
    /// <summary>The most levels a condition may have; each <c>and</c>, <c>or</c>, <c>not</c> and pair of parentheses adds one.</summary>
    public const int Limit = 100;

    /// <summary>Whether the parse tree of a condition nests deeper than <see cref="Limit"/>, measured without recursion.</summary>
    public static bool Exceeds(ConditionContext root)
    {
        var pending = new Stack<(IParseTree Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (depth > Limit)
            {
                return true;
            }

            for (var i = 0; i < node.ChildCount; i++)
            {
                if (node.GetChild(i) is ConditionContext child)
                {
                    pending.Push((child, depth + 1));
                }
            }
        }

        return false;
    }
}
