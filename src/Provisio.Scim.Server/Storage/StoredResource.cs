using System.Text.Json.Nodes;

namespace Provisio.Scim.Server.Storage;

/// <summary>
/// One version of a resource as stored: its UTF-8 JSON, immutable (a write stores a new record), plus the keys its
/// indexes use. Readers parse their own copy outside the store's lock, so no JSON tree is ever shared between requests.
/// </summary>
internal sealed record StoredResource(string Id, long Sequence, long Version, string UniqueName, string? ExternalId, byte[] Json)
{
    public JsonObject Parse() => (JsonObject)JsonNode.Parse(Json, ScimJson.NodeOptions)!;
}
