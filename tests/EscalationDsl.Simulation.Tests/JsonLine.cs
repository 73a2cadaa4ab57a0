using System.Text.Json;

namespace EscalationDsl.Simulation.Tests;

/// <summary>JSON as one line, for comparing a report member with the text a test expects.</summary>
internal static class JsonLine
{
    public static string Compact(this JsonElement element) => JsonSerializer.Serialize(element);
}
