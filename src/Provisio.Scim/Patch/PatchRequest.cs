using System.Text.Json;
using System.Text.Json.Nodes;
using Provisio.Scim.Filters;

namespace Provisio.Scim.Patch;

/// <summary>
/// A PatchOp message (RFC 7644 §3.5.2): <c>{"schemas":[PatchOp], "Operations":[{op, path?, value?}]}</c>, property
/// order and casing free (reference B.6.1). Reading it returns the operations or a <see cref="ScimParseError"/> with
/// scimType <c>invalidSyntax</c>, <c>invalidPath</c> or <c>invalidValue</c>.
/// </summary>
public static class PatchRequest
{
    public static PatchParseResult Read(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body["schemas"] is not JsonArray schemas
            || !schemas.Any(schema => string.Equals(ScimJson.Text(schema), ScimSchemas.PatchOp, StringComparison.OrdinalIgnoreCase)))
        {
            return Fail($"the body's \"schemas\" must contain \"{ScimSchemas.PatchOp}\".", "invalidSyntax");
        }

        if (body["Operations"] is not JsonArray operations || operations.Count == 0)
        {
            return Fail("\"Operations\" must be a non-empty array.", "invalidSyntax");
        }

        var result = new List<PatchOperation>(operations.Count);
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject operation)
            {
                return Fail($"Operations[{i}] is not an object.", "invalidSyntax");
            }

            var opText = ScimJson.Text(operation["op"]);
            // Exactly add, replace or remove in any casing (Enum.TryParse would also take "add,remove" and numbers).
            var op = opText?.Trim().ToUpperInvariant() switch
            {
                "ADD" => PatchOperationType.Add,
                "REPLACE" => PatchOperationType.Replace,
                "REMOVE" => PatchOperationType.Remove,
                _ => (PatchOperationType)(-1),
            };
            if ((int)op < 0)
            {
                return Fail($"Operations[{i}].op is \"{opText}\"; expected add, replace or remove (any casing).", "invalidSyntax");
            }

            AttributePath? path = null;
            if (operation["path"] is { } pathNode)
            {
                var pathText = ScimJson.Text(pathNode);
                if (string.IsNullOrWhiteSpace(pathText))
                {
                    return Fail($"Operations[{i}].path must be a non-empty string.", "invalidPath");
                }

                var parsed = AttributePath.Parse(pathText);
                if (!parsed.Succeeded)
                {
                    return new PatchParseResult(null, parsed.Error with { Message = $"Operations[{i}].path: {parsed.Error.Message}" });
                }

                path = parsed.Path;
            }

            var value = operation["value"];
            if (op != PatchOperationType.Remove && path is null && value is not JsonObject)
            {
                return Fail($"Operations[{i}] has no path, so its value must be an object whose keys are attribute paths.", "invalidValue");
            }

            if (op == PatchOperationType.Remove && path is null)
            {
                return Fail($"Operations[{i}] removes without a path (RFC 7644 §3.5.2.2).", "noTarget");
            }

            result.Add(new PatchOperation(op, path, value is null ? null : ScimJson.Copy(value)));
        }

        return new PatchParseResult(result, null);
    }

    public static PatchParseResult Read(string json)
    {
        try
        {
            return Read(ScimJson.ParseObject(json));
        }
        catch (JsonException exception)
        {
            return Fail($"the body is not valid JSON: {exception.Message}", "invalidSyntax");
        }
    }

    private static PatchParseResult Fail(string message, string scimType) =>
        new(null, new ScimParseError($"Invalid PATCH: {message}", 0, scimType));
}

/// <summary>Either the operations or why the message is not a valid PatchOp.</summary>
public readonly record struct PatchParseResult(IReadOnlyList<PatchOperation>? Operations, ScimParseError? Error)
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Operations))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Operations is not null;
}
