using System.Text.Json;
using System.Text.Json.Nodes;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// Checks JSON against a schema of the engine's OpenAPI document, as narrowly as the tests need: the
/// type (null, boolean, integer, number, string, object, array), enum, required members, members the
/// schema does not declare, items, <c>$ref</c> and <c>oneOf</c>. No JSON Schema validator is among
/// the test packages; this is enough to tell whether the document says what the engine writes and reads.
/// </summary>
internal sealed class OpenApiSchemaCheck(JsonNode document)
{
    /// <summary>What is wrong with <paramref name="value"/> against <paramref name="schema"/>; empty when it fits.</summary>
    public List<string> Errors(JsonNode? value, JsonNode schema)
    {
        var errors = new List<string>();
        Check(value, schema, "$", errors);
        return errors;
    }

    /// <summary>The schema of an operation's answer with this status and media type; null when the document lists none.</summary>
    public JsonNode? Answer(string path, string method, int status, string mediaType) =>
        document["paths"]?[path]?[method]?["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?["content"]?[mediaType]?["schema"];

    /// <summary>The schema of an operation's JSON request body.</summary>
    public JsonNode RequestBody(string path) =>
        document["paths"]![path]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!;

    /// <summary>What is wrong with a real answer: its status and media type unlisted, or its body against the listed schema.</summary>
    public async Task<List<string>> ErrorsOfAnswer(string path, string method, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var media = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
        var text = await response.Content.ReadAsStringAsync();
        if (Answer(path, method, status, media) is not { } schema)
        {
            return [$"{method.ToUpperInvariant()} {path}: {status} {media} is not listed; the body: {text}"];
        }

        var body = media.EndsWith("json", StringComparison.Ordinal) ? JsonNode.Parse(text) : JsonValue.Create(text);
        return Errors(body, schema).Select(e => $"{method.ToUpperInvariant()} {path} {status}: {e}; the body: {text}").ToList();
    }

    private void Check(JsonNode? value, JsonNode schema, string path, List<string> errors)
    {
        if ((string?)schema["$ref"] is { } reference)
        {
            Check(value, Resolve(reference), path, errors);
            return;
        }

        if (schema["oneOf"] is JsonArray alternatives)
        {
            var matching = alternatives.Count(a => Errors(value, a!).Count == 0);
            if (matching != 1)
            {
                errors.Add($"{path}: matches {matching} of the {alternatives.Count} oneOf alternatives");
            }

            return;
        }

        var kind = Kind(value);
        if (schema["type"] is { } type)
        {
            var allowed = type is JsonArray many ? many.Select(t => (string)t!).ToList() : [(string)type!];
            if (!allowed.Contains(kind) && !(kind == "integer" && allowed.Contains("number")))
            {
                errors.Add($"{path}: is {kind}, the document says {string.Join(" or ", allowed)}");
                return;
            }
        }

        if (schema["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, value)))
        {
            errors.Add($"{path}: {value?.ToJsonString()} is not one of the document's values");
        }

        if ((int?)schema["minLength"] is { } least && kind == "string" && ((string)value!)!.Length < least)
        {
            errors.Add($"{path}: is shorter than {least}");
        }

        if ((int?)schema["minItems"] is { } fewest && value is JsonArray { Count: var count } && count < fewest)
        {
            errors.Add($"{path}: has fewer than {fewest} items");
        }

        if (value is JsonObject members)
        {
            foreach (var name in schema["required"]?.AsArray().Select(r => (string)r!) ?? [])
            {
                if (!members.ContainsKey(name))
                {
                    errors.Add($"{path}: the required member '{name}' is missing");
                }
            }

            var declares = schema["properties"] is not null || schema["additionalProperties"] is not null;
            foreach (var (name, member) in members)
            {
                if ((schema["properties"]?[name] ?? (schema["additionalProperties"] as JsonObject)) is { } declared)
                {
                    Check(member, declared, $"{path}.{name}", errors);
                }
                else if (declares)
                {
                    errors.Add($"{path}: the member '{name}' is not in the document");
                }
            }
        }

        if (value is JsonArray array && schema["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(array[i], items, $"{path}[{i}]", errors);
            }
        }
    }

    private JsonNode Resolve(string reference)
    {
        const string prefix = "#/components/schemas/";
        reference.ShouldStartWith(prefix);
        return document["components"]!["schemas"]![reference[prefix.Length..]] ?? throw new ShouldAssertException($"{reference} is not in the document");
    }

    private static string Kind(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => value.ToJsonString().IndexOfAny(['.', 'e', 'E']) < 0 ? "integer" : "number",
        JsonValueKind.String => "string",
        JsonValueKind.Array => "array",
        _ => "object",
    };
}
