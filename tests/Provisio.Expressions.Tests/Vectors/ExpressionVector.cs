using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Tests.Vectors;

/// <summary>
/// One line of a Vectors/*.jsonl file: an expression, its attributes, the clock, and the expected value, dropped flow
/// or error code. The files are transcribed from ../shared/reference/entra-expressions-and-scim.md (A.3, A.5).
/// </summary>
public sealed record ExpressionVector(string Id, string File, string Expression, AttributeBag Attributes,
    DateTimeOffset? Now, JsonNode? ExpectedValue, bool ExpectsValue, bool ExpectsDropped, string? ExpectedErrorCode,
    string? DocumentedOutput, string? Note)
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Lazy<IReadOnlyDictionary<string, ExpressionVector>> All = new(Load);

    public static ExpressionVector Get(string id) => All.Value[id];

    public static TheoryData<string> From(string file)
    {
        var data = new TheoryData<string>();
        foreach (var vector in All.Value.Values.Where(vector => vector.File == file))
        {
            data.Add(vector.Id);
        }

        return data;
    }

    /// <summary>Values compare as compact JSON: strings, booleans, numbers (Int64 kept exact), arrays, objects.</summary>
    public static string Canonical(JsonNode? node) => node?.ToJsonString(Compact) ?? "null";

    public static JsonNode? ToJson(in ExpressionValue value) => value.Kind switch
    {
        ExpressionValueKind.Boolean => JsonValue.Create(value.AsBoolean()),
        ExpressionValueKind.Integer => JsonValue.Create(value.AsInteger()),
        ExpressionValueKind.Decimal => JsonValue.Create(value.AsDecimal()),
        ExpressionValueKind.MultiValued => new JsonArray(value.AsList().Select(item => (JsonNode?)JsonValue.Create(item)).ToArray()),
        ExpressionValueKind.AppRoleAssignments => new JsonArray(value.AsAppRoleAssignments()
            .Select(role => (JsonNode?)new JsonObject { ["id"] = role.Id, ["value"] = role.Value, ["displayName"] = role.DisplayName }).ToArray()),
        ExpressionValueKind.Null or ExpressionValueKind.Omitted => null,
        _ => JsonValue.Create(value.AsString()),
    };

    private static Dictionary<string, ExpressionVector> Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Vectors");
        var vectors = new Dictionary<string, ExpressionVector>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(folder, "*.jsonl"))
        {
            var file = Path.GetFileNameWithoutExtension(path);
            foreach (var line in System.IO.File.ReadLines(path).Where(line => line.Trim().Length > 0))
            {
                var node = JsonNode.Parse(line)!.AsObject();
                var attributes = new AttributeBag();
                if (node["attributes"] is JsonObject bag)
                {
                    foreach (var (name, value) in bag)
                    {
                        attributes.Set(name, value switch
                        {
                            null => ExpressionValue.Null,
                            JsonArray array => ExpressionValue.From(array.Select(item => item!.GetValue<string>()).ToArray()),
                            _ => ExpressionValue.From(value.GetValue<string>()),
                        });
                    }
                }

                var expected = node["expected"]!.AsObject();
                var vector = new ExpressionVector(
                    Id: node["id"]!.GetValue<string>(),
                    File: file,
                    Expression: node["expression"]!.GetValue<string>(),
                    Attributes: attributes,
                    Now: node["now"] is { } now ? DateTimeOffset.Parse(now.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) : null,
                    ExpectedValue: expected["value"]?.DeepClone(),
                    ExpectsValue: expected.ContainsKey("value"),
                    ExpectsDropped: expected["dropped"]?.GetValue<bool>() == true,
                    ExpectedErrorCode: expected["error"]?["code"]?.GetValue<string>(),
                    DocumentedOutput: node["docOutput"] is { } doc ? Canonical(doc) : null,
                    Note: node["note"]?.GetValue<string>());
                vectors.Add(vector.Id, vector);
            }
        }

        return vectors;
    }

    public override string ToString() => $"{Id}: {Expression}";
}
