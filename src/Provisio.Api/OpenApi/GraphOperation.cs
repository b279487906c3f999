namespace Provisio.Api.OpenApi;

/// <summary>
/// What the OpenAPI document says of one operation: summary, description, the request body's example (for POST, PUT
/// and PATCH) and the success status with its example. Error responses default to Graph's.
/// </summary>
internal sealed record GraphOperation(string Summary, string Description, string Status = "200", string? Response = null, string? Request = null)
{
    public bool RequestRequired { get; init; } = true;

    public string RequestMediaType { get; init; } = "application/json";

    public string? RequestDescription { get; init; }

    public string ResponseMediaType { get; init; } = "application/json";

    public string? ResponseDescription { get; init; }

    /// <summary>Error responses other than Graph's (the token endpoint answers OAuth errors).</summary>
    public IReadOnlyList<(string Status, string Description, string Body)>? Errors { get; init; }
}
