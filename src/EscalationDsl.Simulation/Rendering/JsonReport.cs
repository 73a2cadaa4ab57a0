using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Reporting;
using NodaTime;

namespace EscalationDsl.Simulation.Rendering;

/// <summary>The report as JSON, in the style of every <c>esc</c> command: camelCase, indented, times as ISO 8601 UTC, durations in seconds.</summary>
public static class JsonReport
{
    private static readonly string WeeksName = JsonNamingPolicy.CamelCase.ConvertName(nameof(SimulationReport.Weeks));
    private static readonly string WeeklyTableName = JsonNamingPolicy.CamelCase.ConvertName(nameof(SimulationReport.WeeklyTable));

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new InstantConverter(), new LocalDateConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { WeeksOnlyWhenAsked } },
    };

    /// <summary>Renders the report; the weekly table is included only when it was asked for.</summary>
    public static string Render(SimulationReport report) => JsonSerializer.Serialize(report, Options) + "\n";

    /// <summary>
    /// <c>weeks</c> and <c>weeklyTable</c> are written only for <c>--by week</c>: the HTML charts
    /// read the weekly figures either way, the JSON carries them only when they were asked for.
    /// </summary>
    private static void WeeksOnlyWhenAsked(JsonTypeInfo info)
    {
        if (info.Type != typeof(SimulationReport))
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (property.Name == WeeksName || property.Name == WeeklyTableName)
            {
                property.ShouldSerialize = static (report, _) => ((SimulationReport)report).WeeklyTable;
            }
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
