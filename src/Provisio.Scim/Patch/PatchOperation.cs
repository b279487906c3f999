using System.Text.Json.Nodes;
using Provisio.Scim.Filters;

namespace Provisio.Scim.Patch;

/// <summary>One operation of a PatchOp: what to do, where (null path: the value's keys are paths), and with what.</summary>
public sealed record PatchOperation(PatchOperationType Op, AttributePath? Path, JsonNode? Value);
