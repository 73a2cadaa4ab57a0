using System.Text;

namespace EscalationDsl.Language.Semantics;

/// <summary>
/// A deterministic, readable dump of a bound policy. Golden baselines snapshot it, so a change
/// in what the binder understands shows up as a reviewable diff.
/// </summary>
public static class ModelWriter
{
    /// <summary>Writes the whole model, declarations in a fixed order.</summary>
    public static string Write(PolicyModel policy)
    {
        var sb = new StringBuilder();
        void Line(int indent, string text) => sb.Append(' ', indent * 2).Append(text).Append('\n');

        Line(0, $"policy {ModelFormatter.FormatValue(policy.Name)} version {policy.Version}");
        foreach (var c in policy.Calendars)
        {
            Line(0, $"calendar {c.Name} zone={c.ZoneId}{(c.IsDefault ? " default" : "")}");
            string[] days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
            for (var d = 0; d < 7; d++)
            {
                if (!c.Week[d].IsEmpty)
                {
                    Line(1, $"{days[d]} {string.Join(", ", c.Week[d])}");
                }
            }

            foreach (var h in c.Holidays)
            {
                Line(1, $"holiday {h.From:yyyy-MM-dd}{(h.To != h.From ? $"..{h.To:yyyy-MM-dd}" : "")}{(h.Label is null ? "" : " " + ModelFormatter.FormatValue(h.Label))}");
            }
        }

        foreach (var o in policy.Owners)
        {
            Line(0, $"owner #{o.Index} {o.Name} {o.Kind.ToString().ToLowerInvariant()} {ModelFormatter.FormatValue(o.DisplayName)}"
                + (o.IsEngineering ? " engineering" : "") + (o.ReportsTo is null ? "" : $" reports-to={o.ReportsTo}"));
        }

        foreach (var f in policy.Fields.Where(f => !f.IsBuiltIn))
        {
            Line(0, $"field {f.Name} {f.Type.ToString().ToLowerInvariant()}{(f.Values.IsEmpty ? "" : $" [{string.Join(", ", f.Values.Select(ModelFormatter.FormatValue))}]")}");
        }

        foreach (var s in policy.Severities)
        {
            Line(0, $"severity {s.Name} rank={s.Rank} {ModelFormatter.FormatValue(s.DisplayName)}{(s.Calendar is null ? "" : $" calendar={s.Calendar.Name}")}");
            foreach (var t in s.Targets)
            {
                Line(1, $"{ModelFormatter.Format(t.Component)} within {ModelFormatter.Format(t.Within)}{(t.WithField is null ? "" : $" with {t.WithField.Name}")}");
            }

            if (s.Cadence is { } cadence)
            {
                Line(1, ModelFormatter.Format(cadence));
            }
        }

        foreach (var r in policy.Routes)
        {
            Line(0, $"route {r.Field.Name}");
            foreach (var e in r.Entries)
            {
                Line(1, $"{string.Join(", ", e.Values.Select(ModelFormatter.FormatValue))} -> {e.Owner.Name}");
            }

            Line(1, $"default -> {r.Default?.Name ?? "(none)"}");
        }

        if (policy.CalendarChoice is { } choice)
        {
            Line(0, $"calendar by {choice.Field.Name}");
            foreach (var e in choice.Entries)
            {
                Line(1, $"{string.Join(", ", e.Values.Select(ModelFormatter.FormatValue))} -> {e.Calendar.Name}");
            }

            Line(1, $"other values -> {choice.Fallback.Name}");
        }

        foreach (var g in policy.RequireGuards)
        {
            Line(0, RequireGuard(g));
        }

        foreach (var g in policy.PageGuards)
        {
            Line(0, $"page only when {ModelFormatter.Format(g.When)}");
        }

        foreach (var rule in policy.Rules)
        {
            var severities = rule.AnySeverity ? "any" : string.Join(", ", rule.Severities.Select(s => s.Name));
            Line(0, $"rule #{rule.Index} {rule.Name} for {severities}{(rule.When is null ? "" : $" when {ModelFormatter.Format(rule.When)}")}");
            if (rule.StartOwner is not null)
            {
                Line(1, $"owner {rule.StartOwner.Name}");
            }

            if (rule.Driver is not null)
            {
                Line(1, $"driven by {rule.Driver.Name}");
            }

            if (rule.Calendar is not null)
            {
                Line(1, $"calendar {rule.Calendar.Name}");
            }

            foreach (var step in rule.Steps)
            {
                Line(1, $"step {step.Index}: {ModelFormatter.Format(step)}");
            }

            foreach (var g in rule.RequireGuards)
            {
                Line(1, RequireGuard(g));
            }

            foreach (var g in rule.PageGuards)
            {
                Line(1, $"page only when {ModelFormatter.Format(g.When)}");
            }
        }

        foreach (var d in policy.Deescalations)
        {
            Line(0, $"{ModelFormatter.Heading(d)}: {string.Join(", ", d.Actions.Select(ModelFormatter.Format))}");
        }

        foreach (var p in policy.Pauses)
        {
            Line(0, $"pause sla while {ModelFormatter.Format(p.While)}");
        }

        return sb.ToString();
    }

    private static string RequireGuard(RequireGuardModel g) =>
        $"require {string.Join(", ", g.Fields.Select(f => f.Name))} before escalate{(g.When is null ? "" : $" when {ModelFormatter.Format(g.When)}")}";
}
