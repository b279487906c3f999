using Microsoft.Extensions.Logging;

namespace Provisio.Scim.Server;

/// <summary>The reference SCIM server's log events, ids 3500-3599. Ids and counts only: never the token, never attribute values.</summary>
internal static partial class ScimServerLog
{
    [LoggerMessage(EventId = 3500, Level = LogLevel.Information, Message = "Reference SCIM server listening on {Addresses} with fault profiles [{Profiles}]")]
    public static partial void Started(this ILogger logger, string addresses, string profiles);

    [LoggerMessage(EventId = 3501, Level = LogLevel.Information, Message = "Reference SCIM server stopped")]
    public static partial void Stopped(this ILogger logger);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Information, Message = "Loaded {Users} users and {Groups} groups from {DataFile}")]
    public static partial void SnapshotLoaded(this ILogger logger, int users, int groups, string dataFile);

    [LoggerMessage(EventId = 3503, Level = LogLevel.Information, Message = "Saved {Users} users and {Groups} groups to {DataFile}")]
    public static partial void SnapshotSaved(this ILogger logger, int users, int groups, string dataFile);

    [LoggerMessage(EventId = 3504, Level = LogLevel.Error, Message = "Could not save the snapshot to {DataFile}")]
    public static partial void SnapshotSaveFailed(this ILogger logger, Exception exception, string dataFile);

    [LoggerMessage(EventId = 3505, Level = LogLevel.Information, Message = "Fault profiles replaced: [{Profiles}] (seed {Seed})")]
    public static partial void FaultsReplaced(this ILogger logger, string profiles, int seed);

    [LoggerMessage(EventId = 3506, Level = LogLevel.Debug, Message = "Fault {Profile} injected into {Method} {Path}")]
    public static partial void FaultInjected(this ILogger logger, string profile, string method, string path);

    [LoggerMessage(EventId = 3507, Level = LogLevel.Warning, Message = "Rejected {Method} {Path}: missing or wrong bearer token")]
    public static partial void Unauthorized(this ILogger logger, string method, string path);

    [LoggerMessage(EventId = 3508, Level = LogLevel.Debug, Message = "{ResourceType} {Id} created (version {Version})")]
    public static partial void Created(this ILogger logger, string resourceType, string id, long version);

    [LoggerMessage(EventId = 3509, Level = LogLevel.Debug, Message = "{ResourceType} {Id} updated by {Method} (version {Version})")]
    public static partial void Updated(this ILogger logger, string resourceType, string id, string method, long version);

    [LoggerMessage(EventId = 3510, Level = LogLevel.Debug, Message = "{ResourceType} {Id} deleted")]
    public static partial void Deleted(this ILogger logger, string resourceType, string id);

    [LoggerMessage(EventId = 3511, Level = LogLevel.Debug, Message = "{Method} {Path} answered {Status} {ScimType}")]
    public static partial void Rejected(this ILogger logger, string method, string path, int status, string? scimType);

    [LoggerMessage(EventId = 3512, Level = LogLevel.Warning, Message = "Rejected fault profiles from PUT /_faults: {Reason}")]
    public static partial void FaultsRejected(this ILogger logger, string reason);

    [LoggerMessage(EventId = 3513, Level = LogLevel.Information, Message = "OAuth consent for client {ClientId}: {Decision}")]
    public static partial void OAuthConsent(this ILogger logger, string clientId, string decision);

    [LoggerMessage(EventId = 3514, Level = LogLevel.Information, Message = "OAuth {GrantType} grant: token issued for {Seconds} s")]
    public static partial void OAuthTokenIssued(this ILogger logger, string grantType, long seconds);

    [LoggerMessage(EventId = 3515, Level = LogLevel.Warning, Message = "OAuth {GrantType} grant refused: {Error}")]
    public static partial void OAuthTokenRefused(this ILogger logger, string grantType, string error);

    [LoggerMessage(EventId = 3516, Level = LogLevel.Warning, Message = "OAuth grants revoked (fault profile oauth-revoked): every issued token stops working")]
    public static partial void OAuthRevoked(this ILogger logger);
}
