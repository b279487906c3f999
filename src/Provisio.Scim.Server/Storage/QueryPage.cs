using System.Text.Json.Nodes;

namespace Provisio.Scim.Server.Storage;

/// <summary>One page of a list query (RFC 7644 §3.4.2.4): how many matched in all, and copies of this page's resources.</summary>
internal sealed record QueryPage(int TotalResults, IReadOnlyList<JsonObject> Resources);
