using System.Text.Json.Nodes;
using Provisio.Scim.Patch;

namespace Provisio.Scim.Client;

/// <summary>One attribute change for a PATCH; the dialect decides how it is written (reference B.6, B.7).</summary>
public sealed record ScimChange(PatchOperationType Op, string Path, JsonNode? Value)
{
    public static ScimChange Replace(string path, JsonNode? value) => new(PatchOperationType.Replace, path, value);

    public static ScimChange Add(string path, JsonNode? value) => new(PatchOperationType.Add, path, value);

    public static ScimChange Remove(string path, JsonNode? value = null) => new(PatchOperationType.Remove, path, value);
}
