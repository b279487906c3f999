namespace Provisio.Scim.Client;

/// <summary>
/// One request and its answer, as the provisioning logs, on-demand provisioning and the validator show them. The
/// Authorization header is never part of it.
/// </summary>
public sealed record ScimExchange(string Method, Uri Url, string? RequestBody, int? Status, string? ContentType,
    string? ResponseBody, TimeSpan Duration, ScimFailure? Failure);
