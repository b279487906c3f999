namespace Provisio.Directory;

/// <summary>
/// Why a directory write was refused; nothing was changed. Codes follow Graph's (the API maps them to 400, 404, 409):
/// <c>Request_BadRequest</c>, <c>Request_ResourceNotFound</c>, <c>Request_MultipleObjectsWithSameKeyValue</c>.
/// </summary>
public sealed record DirectoryError(string Code, string Message)
{
    public const string BadRequest = "Request_BadRequest";
    public const string NotFound = "Request_ResourceNotFound";
    public const string Conflict = "Request_MultipleObjectsWithSameKeyValue";

    public static DirectoryError Missing(Guid id) => new(NotFound, $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");
}
