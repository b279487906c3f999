using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisio.Host.Tests.Cli;

/// <summary>
/// Every reference vector (Vectors/*.jsonl, transcribed from entra-expressions-and-scim A.3 and A.5) answered through
/// the command line: all at once in the machine form, and each A.3 example with string attributes in the human form.
/// </summary>
public sealed class ReferenceVectorCliTests
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static IEnumerable<JsonObject> Vectors(string pattern = "*.jsonl") =>
        System.IO.Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Vectors"), pattern)
            .SelectMany(File.ReadLines)
            .Where(line => line.Trim().Length > 0)
            .Select(line => JsonNode.Parse(line)!.AsObject());

    [Fact]
    public async Task MachineForm_EveryReferenceVector_AnsweredAsExpected()
    {
        var vectors = Vectors().ToList();
        var input = string.Join('\n', vectors.Select(vector => new JsonObject
        {
            ["expression"] = vector["expression"]!.DeepClone(),
            ["attributes"] = vector["attributes"]?.DeepClone(),
            ["now"] = vector["now"]?.DeepClone(),
        }.ToJsonString()));

        var outcome = await CliRun.InProcessAsync(input + "\n", "expression", "evaluate");

        var lines = outcome.Out.TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(vectors.Count);
        var mismatches = new List<string>();
        for (var i = 0; i < vectors.Count; i++)
        {
            var expected = vectors[i]["expected"]!.AsObject();
            var actual = JsonNode.Parse(lines[i])!.AsObject();
            var ok = expected switch
            {
                _ when expected["error"] is { } error => actual["error"]?["code"]?.GetValue<string>() == error["code"]!.GetValue<string>(),
                _ when expected["dropped"] is not null => actual["ignoreFlow"]?.GetValue<string>() == "attribute",
                _ => actual.ContainsKey("value") && actual["ignoreFlow"] is null
                    && Canonical(actual["value"]) == Canonical(expected["value"]),
            };
            if (!ok)
            {
                mismatches.Add($"{vectors[i]["id"]}: expected {expected.ToJsonString(Compact)} got {lines[i]}");
            }
        }

        mismatches.ShouldBeEmpty();
    }

    [Fact]
    public async Task HumanForm_EveryA3ExampleWithTextAttributes_PrintsExpectedValue()
    {
        var checkedCount = 0;
        var mismatches = new List<string>();
        foreach (var vector in Vectors("functions.jsonl"))
        {
            var expected = vector["expected"]!.AsObject();
            if (!expected.ContainsKey("value") || expected["value"] is JsonArray or null)
            {
                continue;
            }

            var args = new List<string> { "expression", "evaluate", "--expression", vector["expression"]!.GetValue<string>() };
            if (vector["now"] is { } now)
            {
                args.AddRange(["--now", now.GetValue<string>()]);
            }

            foreach (var (name, value) in vector["attributes"]?.AsObject() ?? [])
            {
                if (value is JsonArray array)
                {
                    args.AddRange(array.SelectMany(item => new[] { "--attribute", $"{name}={item!.GetValue<string>()}" }));
                }
                else if (value is not null)
                {
                    args.AddRange(["--attribute", $"{name}={value.GetValue<string>()}"]);
                }
            }

            var outcome = await CliRun.InProcessAsync("", [.. args]);
            var printed = expected["value"]!.GetValueKind() switch
            {
                JsonValueKind.String => expected["value"]!.GetValue<string>(),
                JsonValueKind.True => "True",
                JsonValueKind.False => "False",
                _ => expected["value"]!.ToJsonString(),
            };
            checkedCount++;
            if (outcome.ExitCode != 0 || outcome.Out != printed + "\n")
            {
                mismatches.Add($"{vector["id"]}: expected '{printed}' got '{outcome.Out.TrimEnd('\n')}' {outcome.Error}");
            }
        }

        checkedCount.ShouldBeGreaterThan(80);
        mismatches.ShouldBeEmpty();
    }

    private static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.GetValueKind() == JsonValueKind.Number =>
            decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        _ => node.ToJsonString(Compact),
    };
}
