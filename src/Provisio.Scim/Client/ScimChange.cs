using System.Text.Json.Nodes;
using Provisio.Scim.Patch;

namespace Provisio.Scim.Client;

/// <summary>One attribute change for a PATCH; the dialect decides how it is written (reference B.6, B.7).</summary>
public sealed record ScimChange(PatchOperationType Op, string Path, JsonNode? Value)
{
    /// <summary>
    /// The op exactly as written in either dialect, where Entra writes it so (AssertiveAppRoleAssignmentsComplex sends a
    /// lower-case <c>replace</c> of <c>roles</c> without the flag too, reference B.6.7); such a change is never merged
    /// into the flag's path-less replace.
    /// </summary>
    public string? OpText { get; init; }

    /// <summary>
    /// The value the default job writes instead of <see cref="Value"/>, where the two differ (AppRoleAssignmentsComplex's
    /// Add of roles: each role a <c>{"value": "<JSON text>"}</c> without the flag, the role objects with it; reference B.6.7).
    /// </summary>
    public JsonNode? DefaultDialectValue { get; init; }

    public static ScimChange Replace(string path, JsonNode? value) => new(PatchOperationType.Replace, path, value);

    public static ScimChange Add(string path, JsonNode? value) => new(PatchOperationType.Add, path, value);

    public static ScimChange Remove(string path, JsonNode? value = null) => new(PatchOperationType.Remove, path, value);
}
