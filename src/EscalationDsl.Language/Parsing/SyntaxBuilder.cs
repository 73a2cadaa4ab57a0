using System.Collections.Immutable;
using System.Text;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using static EscalationDsl.Language.Parsing.Generated.EscalationParser;

namespace EscalationDsl.Language.Parsing;

/// <summary>
/// Turns the ANTLR parse tree into syntax records with exact spans. After a syntax error the
/// tree may have holes (null children, conjured tokens); a construct missing a required part is
/// dropped, because the parser has already reported why.
/// </summary>
internal sealed partial class SyntaxBuilder(List<Diagnostic> diagnostics)
{
    public PolicyFileSyntax BuildFile(PolicyFileContext context, ImmutableArray<CommentSyntax> comments, int length)
    {
        var header = context.policyHeader() is { } h ? BuildHeader(h) : null;
        var declarations = context.declaration().Select(BuildDeclaration).OfType<DeclarationSyntax>().ToImmutableArray();
        return new PolicyFileSyntax(header, declarations, comments, new TextSpan(0, length));
    }

    private PolicyHeaderSyntax BuildHeader(PolicyHeaderContext c) =>
        new(String(c.name), Integer(c.version), Span(c));

    private DeclarationSyntax? BuildDeclaration(DeclarationContext c) =>
        c.calendarDecl() is { } cal ? (cal.BY() is null ? BuildCalendar(cal) : BuildCalendarChoice(cal))
        : c.ownersDecl() is { } owners ? BuildOwners(owners)
        : c.fieldsDecl() is { } fields ? BuildFields(fields)
        : c.severityDecl() is { } severity ? BuildSeverity(severity)
        : c.routeDecl() is { } route ? BuildRoute(route)
        : c.escalationDecl() is { } rule ? BuildEscalation(rule)
        : c.requireGuard() is { } require ? BuildRequireGuard(require)
        : c.pageGuard() is { } page ? BuildPageGuard(page)
        : c.deescalateDecl() is { } deescalate ? BuildDeescalate(deescalate)
        : c.pauseDecl() is { } pause ? BuildPause(pause)
        : null;

    // ------------------------------------------------------------ calendars

    private CalendarSyntax? BuildCalendar(CalendarDeclContext c)
    {
        if (Name(c.name) is not { } name)
        {
            return null;
        }

        var hours = ImmutableArray.CreateBuilder<HoursSyntax>();
        var holidays = ImmutableArray.CreateBuilder<HolidaySyntax>();
        foreach (var item in c.calendarItem())
        {
            switch (item)
            {
                case var damaged when Damaged(damaged):
                    break;
                case HoursItemContext h:
                    var days = h.dayRange().Select(BuildDayRange).OfType<DayRangeSyntax>().ToImmutableArray();
                    var ranges = h.timeRange().Select(BuildTimeRange).OfType<TimeRangeSyntax>().ToImmutableArray();
                    if (days.Length > 0 && ranges.Length > 0)
                    {
                        hours.Add(new HoursSyntax(days, ranges, Span(h)));
                    }

                    break;
                case HolidayItemContext d when Literal(d.from) is { } from:
                    holidays.Add(new HolidaySyntax(from, Literal(d.to), String(d.label), Span(d)));
                    break;
            }
        }

        return new CalendarSyntax(name, String(c.zone), Present(c.isDefault), hours.ToImmutable(), holidays.ToImmutable(), Span(c));
    }

    private DayRangeSyntax? BuildDayRange(DayRangeContext c) =>
        Ident(c.from) is { } from ? new DayRangeSyntax(from, Ident(c.to), Span(c)) : null;

    private TimeRangeSyntax? BuildTimeRange(TimeRangeContext c) =>
        Literal(c.from) is { } from && Literal(c.to) is { } to ? new TimeRangeSyntax(from, to, Span(c)) : null;

    // ------------------------------------------------------------ owners and fields

    private OwnersSyntax BuildOwners(OwnersDeclContext c) =>
        new(c.ownerDecl().Select(BuildOwner).OfType<OwnerSyntax>().ToImmutableArray(), Span(c));

    private OwnerSyntax? BuildOwner(OwnerDeclContext c)
    {
        if (Damaged(c) || Ident(c.name) is not { } name || !Present(c.kind))
        {
            return null;
        }

        var kind = c.kind.Type switch
        {
            TEAM => OwnerKind.Team,
            ROLE => OwnerKind.Role,
            GROUP => OwnerKind.Group,
            _ => OwnerKind.Person,
        };
        var attributes = c.ownerAttribute().Select(BuildOwnerAttribute).OfType<OwnerAttributeSyntax>().ToImmutableArray();
        return new OwnerSyntax(kind, name, String(c.display), attributes, Span(c));
    }

    private OwnerAttributeSyntax? BuildOwnerAttribute(OwnerAttributeContext c) => c switch
    {
        EngineeringAttributeContext => new EngineeringAttributeSyntax(Span(c)),
        ReportsToAttributeContext r when Ident(r.target) is { } target => new ReportsToAttributeSyntax(target, Span(c)),
        _ => null,
    };

    private FieldsSyntax BuildFields(FieldsDeclContext c) =>
        new(c.fieldDecl().Select(BuildField).OfType<FieldSyntax>().ToImmutableArray(), Span(c));

    private FieldSyntax? BuildField(FieldDeclContext c) =>
        !Damaged(c) && FieldName(c.name) is { } name && Ident(c.type) is { } type
            ? new FieldSyntax(name, type, Values(c.value()), c.LBRACK() is not null, Span(c))
            : null;

    // ------------------------------------------------------------ severities and routes

    private SeveritySyntax? BuildSeverity(SeverityDeclContext c)
    {
        if (Ident(c.name) is not { } name)
        {
            return null;
        }

        var items = c.severityItem().Select(BuildSeverityItem).OfType<SeverityItemSyntax>().ToImmutableArray();
        return new SeveritySyntax(name, String(c.display), items, Span(c));
    }

    private SeverityItemSyntax? BuildSeverityItem(SeverityItemContext c) => c switch
    {
        _ when Damaged(c) => null,
        SlaTargetContext t when Name(t.component) is { } component && Duration(t.duration()) is { } duration =>
            new SlaTargetSyntax(component, duration, Ident(t.withField), Span(t)),
        UpdateCadenceContext u when Name(u.component) is { } component && Duration(u.duration()) is { } interval =>
            new UpdateCadenceSyntax(component, interval, Condition(u.condition()), Span(u)),
        SeverityCalendarContext s when Name(s.name) is { } calendar => new SeverityCalendarSyntax(calendar, Span(s)),
        _ => null,
    };

    private RouteSyntax? BuildRoute(RouteDeclContext c) =>
        FieldName(c.field) is { } field
            ? new RouteSyntax(field, Entries(c.routeEntry(), e => e switch
            {
                ValueRouteContext v => (v.value(), Ident(v.owner)),
                DefaultRouteContext d => ([], Ident(d.owner)),
                _ => default,
            }), Span(c))
            : null;

    private CalendarChoiceSyntax? BuildCalendarChoice(CalendarDeclContext c) =>
        FieldName(c.field) is { } field
            ? new CalendarChoiceSyntax(field, Entries(c.calendarChoice(), e => e switch
            {
                ValueCalendarChoiceContext v => (v.value(), Name(v.calendar)),
                DefaultCalendarChoiceContext d => ([], Name(d.calendar)),
                _ => default,
            }), Span(c))
            : null;

    /// <summary>
    /// The entries of a route or a <c>calendar by</c> block: each gives its values (none for the
    /// <c>default</c> entry, whose context <paramref name="parts"/> gives an empty list for) and its target.
    /// </summary>
    private ImmutableArray<RouteEntrySyntax> Entries<T>(T[] entries, Func<T, (ValueContext[]? Values, IdentifierSyntax? Target)> parts)
        where T : ParserRuleContext
    {
        var built = ImmutableArray.CreateBuilder<RouteEntrySyntax>();
        foreach (var entry in entries)
        {
            if (!Damaged(entry) && parts(entry) is ({ } values, { } target))
            {
                built.Add(new RouteEntrySyntax(Values(values), values.Length == 0, target, Span(entry)));
            }
        }

        return built.ToImmutable();
    }

    // ------------------------------------------------------------ shared pieces

    private ImmutableArray<ValueSyntax> Values(ValueContext[] values) =>
        values.Select(Value).OfType<ValueSyntax>().ToImmutableArray();

    private ValueSyntax? Value(ValueContext? c)
    {
        if (c?.Start is not { } token || !Present(token))
        {
            return null;
        }

        return token.Type switch
        {
            STRING => new ValueSyntax(Unescape(token), ValueKind.String, TokenSpan(token)),
            INT => new ValueSyntax(token.Text, ValueKind.Integer, TokenSpan(token)),
            IDENT => new ValueSyntax(token.Text, ValueKind.Identifier, TokenSpan(token)),
            _ when c.valueKeyword() is not null => new ValueSyntax(token.Text, ValueKind.Identifier, TokenSpan(token)),
            _ => null,
        };
    }

    private static IdentifierSyntax? FieldName(FieldNameContext? c) =>
        c?.Start is { } token && Present(token) && token.Type is IDENT or SEVERITY or OWNER
            ? new IdentifierSyntax(token.Text, TokenSpan(token))
            : null;

    private static bool Present(IToken? token) =>
        token is not null && token.TokenIndex >= 0 && token.StartIndex >= 0 && token.Type != TokenConstants.EOF;

    /// <summary>A one-token name rule (calendarName, componentName, unitName) as an identifier.</summary>
    private static IdentifierSyntax? Name(ParserRuleContext? c) =>
        c is { exception: null, ChildCount: 1 } ? Ident(c.Start) : null;

    private static IdentifierSyntax? Ident(IToken? token) =>
        Present(token) ? new IdentifierSyntax(token!.Text, TokenSpan(token)) : null;

    private static IntegerLiteralSyntax? Integer(IToken? token) =>
        Present(token) ? new IntegerLiteralSyntax(token!.Text, TokenSpan(token)) : null;

    private static LiteralTokenSyntax? Literal(IToken? token) =>
        Present(token) ? new LiteralTokenSyntax(token!.Text, TokenSpan(token)) : null;

    private StringLiteralSyntax? String(IToken? token) =>
        Present(token) && token!.Type == STRING ? new StringLiteralSyntax(Unescape(token), TokenSpan(token)) : null;

    /// <summary>Resolves escapes; reports unknown ones (ESC1005) and keeps them as written.</summary>
    private string Unescape(IToken token)
    {
        var text = token.Text;
        var inner = text.AsSpan(1, Math.Max(0, text.Length - 2));
        if (!inner.Contains('\\'))
        {
            return inner.ToString();
        }

        var sb = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            var ch = inner[i];
            if (ch != '\\' || i + 1 >= inner.Length)
            {
                sb.Append(ch);
                continue;
            }

            var next = inner[++i];
            switch (next)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                default:
                    var at = token.StartIndex + 1 + i - 1;
                    var width = char.IsHighSurrogate(next) && i + 1 < inner.Length ? 3 : 2;
                    diagnostics.Add(DiagnosticCatalog.InvalidEscapeFound(new TextSpan(at, width), inner.Slice(i - 1, width).ToString()));
                    sb.Append('\\').Append(next);
                    break;
            }
        }

        return sb.ToString();
    }

    private static TextSpan TokenSpan(IToken token) =>
        new(token.StartIndex, Math.Max(0, token.StopIndex - token.StartIndex + 1));

    private static TextSpan Span(ParserRuleContext c)
    {
        var start = c.Start is { StartIndex: >= 0 } s ? s.StartIndex : 0;
        var stop = c.Stop is { } e && e.StopIndex >= start && e.Type != TokenConstants.EOF ? e.StopIndex + 1 : start;
        return TextSpan.FromBounds(start, stop);
    }

    private static bool Present(ITerminalNode? node) => node is not null && Present(node.Symbol);

    /// <summary>
    /// True when error recovery changed the construct: a rule inside it failed, or input in it was
    /// skipped. It may then not mean what was written (deleting 'unless' from 'after 15 unless
    /// acknowledged' leaves the unit 'acknowledged'), so it is dropped instead of being checked;
    /// the parser has reported the cause. A token conjured up for a missing ':' or 'to' does not
    /// count, because it changes nothing the user wrote.
    /// </summary>
    private static bool Damaged(IParseTree root)
    {
        // Without recursion: a long 'and' chain is a deep tree, and the depth check comes later.
        var pending = new Stack<IParseTree>();
        pending.Push(root);
        while (pending.TryPop(out var node))
        {
            switch (node)
            {
                case IErrorNode error when error.Symbol.TokenIndex >= 0:
                    return true;
                case ParserRuleContext context when context.exception is not null:
                    return true;
                case ParserRuleContext context when context.children is { } children:
                    foreach (var child in children)
                    {
                        pending.Push(child);
                    }

                    break;
            }
        }

        return false;
    }
}
