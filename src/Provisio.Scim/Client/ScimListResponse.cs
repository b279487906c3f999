using System.Text.Json.Nodes;

namespace Provisio.Scim.Client;

/// <summary>An RFC 7644 §3.4.2 ListResponse as read from a target.</summary>
public sealed record ScimListResponse(int TotalResults, int StartIndex, int ItemsPerPage, IReadOnlyList<JsonObject> Resources);
