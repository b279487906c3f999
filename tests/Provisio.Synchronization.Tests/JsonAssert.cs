using System.Text.Json.Nodes;

namespace Provisio.Synchronization.Tests;

/// <summary>Assertions on JSON that name the first difference by its path.</summary>
internal static class JsonAssert
{
    /// <summary>The same JSON, property order aside.</summary>
    public static void Equal(JsonNode? expected, JsonNode? actual)
    {
        if (!JsonNode.DeepEquals(expected, actual))
        {
            var difference = FirstDifference(expected, actual, "$", subset: false) ?? "(no single difference found)";
            throw new ShouldAssertException($"JSON differs at {difference}\nexpected: {expected?.ToJsonString()}\nactual:   {actual?.ToJsonString()}");
        }
    }

    /// <summary>Every property of <paramref name="expected"/> is in <paramref name="actual"/> with the same value; actual may have more.</summary>
    public static void ContainsAll(JsonNode? expected, JsonNode? actual)
    {
        if (FirstDifference(expected, actual, "$", subset: true) is { } difference)
        {
            throw new ShouldAssertException($"JSON differs at {difference}");
        }
    }

    private static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path, bool subset)
    {
        switch (expected)
        {
            case JsonObject expectedObject when actual is JsonObject actualObject:
                foreach (var (name, value) in expectedObject)
                {
                    if (!actualObject.TryGetPropertyValue(name, out var other))
                    {
                        return $"{path}.{name}: missing, expected {value?.ToJsonString() ?? "null"}";
                    }

                    if (FirstDifference(value, other, $"{path}.{name}", subset) is { } inner)
                    {
                        return inner;
                    }
                }

                if (!subset && actualObject.FirstOrDefault(pair => !expectedObject.ContainsKey(pair.Key)) is { Key: { } extra })
                {
                    return $"{path}.{extra}: not expected";
                }

                return null;
            case JsonArray expectedArray when actual is JsonArray actualArray:
                if (expectedArray.Count != actualArray.Count)
                {
                    return $"{path}: {actualArray.Count} items, expected {expectedArray.Count}";
                }

                for (var i = 0; i < expectedArray.Count; i++)
                {
                    if (FirstDifference(expectedArray[i], actualArray[i], $"{path}[{i}]", subset) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return JsonNode.DeepEquals(expected, actual)
                    ? null
                    : $"{path}: {actual?.ToJsonString() ?? "null"}, expected {expected?.ToJsonString() ?? "null"}";
        }
    }
}
