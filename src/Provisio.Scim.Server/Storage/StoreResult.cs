using System.Text.Json.Nodes;

namespace Provisio.Scim.Server.Storage;

/// <summary>What a write or read of the store came to: a private copy of the resource and its version, or a SCIM error.</summary>
internal readonly record struct StoreResult(JsonObject? Resource, long Version, ScimErrorBody? Error)
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Resource))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static StoreResult Ok(JsonObject resource, long version) => new(resource, version, null);

    public static StoreResult Fail(int status, string detail, string? scimType = null) => new(null, 0, new ScimErrorBody(status, scimType, detail));
}
