using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Reporting;
using NodaTime;

namespace EscalationDsl.Simulation.Rendering;

/// <summary>The report as JSON, in the style of every <c>esc</c> command: camelCase, indented, times as ISO 8601 UTC, durations in seconds.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new InstantConverter(), new LocalDateConverter() },
    };

    /// <summary>Renders the report; the weekly table is included only when it was asked for.</summary>
    public static string Render(SimulationReport report)
    {
        object value = report.WeeklyTable ? report : new ReportWithoutWeeks(report);
        return JsonSerializer.Serialize(value, Options) + "\n";
    }

    /// <summary>The report's properties in the same order, without <c>weeks</c>.</summary>
    /// <remarks>Mirrors <see cref="SimulationReport"/>: a property added there is added here too.</remarks>
    private sealed record ReportWithoutWeeks(
        PolicySummary Policy,
        InputSummary Input,
        PeriodSummary Period,
        TicketSummary Tickets,
        IReadOnlyList<string> Caveats,
        ResponseSection Response,
        SlaSection Sla,
        EscalationSection Escalations,
        AfterHoursSection AfterHours,
        CustomerUpdateSection CustomerUpdates,
        LoadSection Load,
        ReviewSection Review,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Top)
    {
        public ReportWithoutWeeks(SimulationReport r)
            : this(r.Policy, r.Input, r.Period, r.Tickets, r.Caveats, r.Response, r.Sla, r.Escalations, r.AfterHours, r.CustomerUpdates, r.Load, r.Review, r.Top)
        {
        }
    }

    private sealed class InstantConverter : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TicketEventJson.ParseTime(reader.GetString() ?? string.Empty) ?? throw new JsonException("not an ISO 8601 instant");

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(TicketEventJson.FormatTime(value));
    }

    private sealed class LocalDateConverter : JsonConverter<LocalDate>
    {
        public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            NodaTime.Text.LocalDatePattern.Iso.Parse(reader.GetString() ?? string.Empty).GetValueOrThrow();

        public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Formats.Date(value));
    }
}
