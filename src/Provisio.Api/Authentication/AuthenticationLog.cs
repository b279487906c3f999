using Microsoft.Extensions.Logging;

namespace Provisio.Api.Authentication;

/// <summary>Authentication's log events (41xx, in the API's 4xxx range): ids and reasons, never secrets or tokens.</summary>
internal static partial class AuthenticationLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Issued an access token to client {ClientId} (role {Role}), expiring {ExpiresOn}")]
    public static partial void TokenIssued(this ILogger logger, string clientId, string role, DateTimeOffset expiresOn);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Refused a token request for client {ClientId}: {Error} ({Reason})")]
    public static partial void TokenRefused(this ILogger logger, string clientId, string error, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Debug, Message = "Unauthenticated {Method} {Path}: {Reason}")]
    public static partial void RequestUnauthenticated(this ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Forbidden {Method} {Path} for client {ClientId}: its role does not allow it")]
    public static partial void RequestForbidden(this ILogger logger, string method, string path, string clientId);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "Refused a token of client {ClientId}: the client is no longer registered with that role")]
    public static partial void ClientNoLongerRegistered(this ILogger logger, string clientId);
}
