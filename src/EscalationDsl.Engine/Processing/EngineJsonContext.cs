using System.Text.Json.Serialization;

namespace EscalationDsl.Engine.Processing;

/// <summary>Source-generated JSON for the documents written on the hot path (decisions in the outbox).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DecisionDocument))]
internal sealed partial class EngineJsonContext : JsonSerializerContext;
