using System.Text.Json.Nodes;

namespace Provisio.Synchronization.Tests;

/// <summary>Graph's documented JSON examples, copied into <c>TestData/Graph</c>.</summary>
internal static class GraphExamples
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Graph", name));

    public static JsonNode Node(string name) => JsonNode.Parse(Read(name))!;
}
