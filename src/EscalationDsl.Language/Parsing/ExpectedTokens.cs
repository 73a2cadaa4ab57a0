using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;

namespace EscalationDsl.Language.Parsing;

/// <summary>
/// The tokens that could appear at an offending token, computed by walking the ATN from the start
/// of the current rule over the tokens the rule has already read.
/// </summary>
/// <remarks>
/// ANTLR reports the expected tokens of the parser's state when it gave up, which is not always the
/// offending token's position: a decision that looked ahead (<c>acknowledge withn 15m</c> fails while
/// choosing between <c>within</c> and <c>every</c>) reports what starts the item, and an optional part
/// that was skipped (<c>after 15m unles acknowledged</c>) is missing from the set. Both lose the
/// keyword the user most likely meant. Semantic predicates count as true, so the result may list a
/// little more than the parser would accept, never less.
/// </remarks>
internal static class ExpectedTokens
{
    // Policies are small; the limits only stop pathological inputs from costing much.
    private const int MaxPrefixTokens = 4000;
    private const int MaxRuleDepth = 64;

    /// <summary>The expected token types at <paramref name="offending"/>, or null when the walk fails.</summary>
    public static IntervalSet? At(Parser parser, RuleContext? context, IToken offending)
    {
        if (context is not ParserRuleContext { Start: { TokenIndex: >= 0 } start } rule || offending.TokenIndex < start.TokenIndex)
        {
            return null;
        }

        if (offending.TokenIndex - start.TokenIndex > MaxPrefixTokens)
        {
            return null;
        }

        var atn = parser.Atn;
        var walk = new Walk(atn);
        walk.Closure(new Config(atn.ruleToStartState[rule.RuleIndex], null, rule));

        var stream = (ITokenStream)parser.InputStream;
        for (var i = start.TokenIndex; i < offending.TokenIndex && walk.Configs.Count > 0; i++)
        {
            var token = stream.Get(i);
            if (token.Channel == TokenConstants.DefaultChannel)
            {
                walk = walk.Step(token.Type);
            }
        }

        return walk.Configs.Count == 0 ? null : walk.Expected();
    }

    /// <summary>A rule's return addresses, innermost first.</summary>
    private sealed record Frame(ATNState Follow, Frame? Next, int Depth);

    /// <summary>
    /// An ATN state with the rules entered during the walk (<see cref="Stack"/>) and, below them,
    /// the parse-tree context the walk started in (<see cref="Outer"/>), whose callers are known.
    /// </summary>
    private readonly record struct Config(ATNState State, Frame? Stack, RuleContext? Outer);

    private sealed class Walk(ATN atn)
    {
        public HashSet<Config> Configs { get; } = [];

        private bool reachedEndOfInput;

        public Walk Step(int tokenType)
        {
            var next = new Walk(atn);
            foreach (var config in Configs)
            {
                foreach (var transition in config.State.TransitionsArray)
                {
                    if (!transition.IsEpsilon && transition.Matches(tokenType, TokenConstants.MinUserTokenType, atn.maxTokenType))
                    {
                        next.Closure(config with { State = transition.target });
                    }
                }
            }

            return next;
        }

        public IntervalSet Expected()
        {
            var set = new IntervalSet();
            foreach (var config in Configs)
            {
                foreach (var transition in config.State.TransitionsArray)
                {
                    if (!transition.IsEpsilon && transition.TransitionType is TransitionType.ATOM or TransitionType.SET or TransitionType.RANGE)
                    {
                        set.AddAll(transition.Label);
                    }
                }
            }

            if (reachedEndOfInput)
            {
                set.Add(TokenConstants.EOF);
            }

            return set;
        }

        public void Closure(Config config)
        {
            if (!Configs.Add(config))
            {
                return;
            }

            if (config.State.StateType == StateType.RuleStop)
            {
                Return(config);
                return;
            }

            foreach (var transition in config.State.TransitionsArray)
            {
                switch (transition)
                {
                    case RuleTransition call when (config.Stack?.Depth ?? 0) < MaxRuleDepth:
                        var frame = new Frame(call.followState, config.Stack, (config.Stack?.Depth ?? 0) + 1);
                        Closure(new Config(call.target, frame, config.Outer));
                        break;
                    case RuleTransition:
                        break;
                    case { IsEpsilon: true }:
                        Closure(config with { State = transition.target });
                        break;
                }
            }
        }

        // A rule stop state's own transitions lead to every caller of the rule; follow only the real one.
        private void Return(Config config)
        {
            if (config.Stack is { } frame)
            {
                Closure(new Config(frame.Follow, frame.Next, config.Outer));
                return;
            }

            if (config.Outer is { invokingState: >= 0 } outer && atn.states[outer.invokingState].Transition(0) is RuleTransition call)
            {
                Closure(new Config(call.followState, null, outer.Parent));
                return;
            }

            reachedEndOfInput = true;
        }
    }
}
