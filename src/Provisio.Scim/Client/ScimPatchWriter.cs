using System.Text.Json;
using System.Text.Json.Nodes;
using Provisio.Scim.Patch;

namespace Provisio.Scim.Client;

/// <summary>
/// Writes PatchOp bodies exactly as Entra does in each dialect (reference B.3.4-B.3.6, B.5, B.7): the default job
/// writes <c>Add</c>/<c>Replace</c>/<c>Remove</c> and booleans as <c>"True"</c>/<c>"False"</c>; the flag writes lower-case
/// ops, JSON booleans, and two or more replaces of plain paths as one path-less replace whose keys are the paths
/// (filtered paths such as <c>emails[type eq "work"].value</c> stay separate).
/// </summary>
public static class ScimPatchWriter
{
    public const string ManagerPath = ScimSchemas.EnterpriseUser + ":manager";

    public static JsonObject Write(IReadOnlyList<ScimChange> changes, ScimDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var operations = new JsonArray();
        if (dialect == ScimDialect.AadOptScim062020)
        {
            var plainReplaces = changes.Where(change => change.Op == PatchOperationType.Replace && change.OpText is null
                && !change.Path.Contains('[', StringComparison.Ordinal)).ToList();
            var collapse = plainReplaces.Count >= 2;
            foreach (var change in changes.Where(change => !collapse || !plainReplaces.Contains(change)))
            {
                operations.Add(Operation(change, dialect));
            }

            if (collapse)
            {
                var value = new JsonObject();
                foreach (var change in plainReplaces)
                {
                    value[change.Path] = Value(change.Value, dialect);
                }

                operations.Add(new JsonObject { ["op"] = "replace", ["value"] = value });
            }
        }
        else
        {
            foreach (var change in changes)
            {
                operations.Add(Operation(change, dialect));
            }
        }

        return Envelope(operations);
    }

    /// <summary>Disable or enable (reference B.7: <c>"False"</c> without the flag, <c>false</c> with it).</summary>
    public static JsonObject Active(bool active, ScimDialect dialect) =>
        Write([ScimChange.Replace("active", JsonValue.Create(active))], dialect);

    /// <summary>Set the manager to a target id, or clear it with <c>""</c> (reference B.4 M3, M5).</summary>
    public static JsonObject Manager(string? managerId, ScimDialect dialect) => Envelope(
    [
        managerId is null
            ? Operation(PatchOperationType.Replace, ManagerPath, JsonValue.Create(string.Empty), dialect)
            : Operation(PatchOperationType.Add, ManagerPath, JsonValue.Create(managerId), dialect),
    ]);

    /// <summary>Several members in one operation (reference B.5, R15).</summary>
    /// <summary>
    /// One Add of every member: the default job writes each as <c>{"$ref":null,"value":"id"}</c> (reference B.5), the
    /// flag as <c>{"value":"id"}</c> (B.7's 2020 preview).
    /// </summary>
    public static JsonObject AddMembers(IEnumerable<string> memberIds, ScimDialect dialect) => Envelope(
    [
        Operation(PatchOperationType.Add, "members", new JsonArray(memberIds.Select(id => (JsonNode)(dialect == ScimDialect.AadOptScim062020
            ? new JsonObject { ["value"] = id }
            : new JsonObject { ["$ref"] = null, ["value"] = id })).ToArray()), dialect),
    ]);

    /// <summary>Without the flag a value list on path <c>members</c>; with it one <c>members[value eq "id"]</c> per member (reference B.7).</summary>
    public static JsonObject RemoveMembers(IEnumerable<string> memberIds, ScimDialect dialect)
    {
        var ids = memberIds.ToList();
        if (dialect == ScimDialect.AadOptScim062020)
        {
            return Envelope(ids.Select(id => (JsonNode)new JsonObject
            {
                ["op"] = "remove",
                ["path"] = $"members[value eq {JsonSerializer.Serialize(id)}]",
            }).ToArray());
        }

        return Envelope(
        [
            Operation(PatchOperationType.Remove, "members", new JsonArray(ids.Select(id => (JsonNode)new JsonObject { ["value"] = id }).ToArray()), dialect),
        ]);
    }

    private static JsonObject Envelope(IEnumerable<JsonNode> operations) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.PatchOp),
        ["Operations"] = new JsonArray(operations.ToArray()),
    };

    private static JsonObject Envelope(JsonArray operations) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.PatchOp),
        ["Operations"] = operations,
    };

    private static JsonObject Operation(ScimChange change, ScimDialect dialect)
    {
        var value = dialect == ScimDialect.Default && change.DefaultDialectValue is { } written ? written : change.Value;
        var operation = Operation(change.Op, change.Path, value, dialect);
        if (change.OpText is { } op)
        {
            operation["op"] = op;
        }

        return operation;
    }

    private static JsonObject Operation(PatchOperationType op, string path, JsonNode? value, ScimDialect dialect)
    {
        var operation = new JsonObject
        {
            ["op"] = dialect == ScimDialect.AadOptScim062020 ? op.ToString().ToLowerInvariant() : op.ToString(),
            ["path"] = path,
        };
        if (value is not null)
        {
            operation["value"] = Value(value, dialect);
        }

        return operation;
    }

    private static JsonNode? Value(JsonNode? value, ScimDialect dialect) => value switch
    {
        JsonValue boolean when dialect == ScimDialect.Default && boolean.GetValueKind() is JsonValueKind.True or JsonValueKind.False =>
            JsonValue.Create(boolean.GetValueKind() == JsonValueKind.True ? "True" : "False"),
        _ => value?.DeepClone(),
    };
}
