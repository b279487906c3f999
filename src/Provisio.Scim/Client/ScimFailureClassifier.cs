using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Provisio.Scim.Client;

/// <summary>
/// Classifies every SCIM failure in one place (STYLE.md §3): an HTTP answer by status, operation, content type and the
/// target's error body; an exception by what failed (timeout, DNS, connection, TLS). Codes: <see cref="ScimErrorCodes"/>.
/// </summary>
public static class ScimFailureClassifier
{
    public static ScimFailure Classify(ScimOperation operation, HttpStatusCode status, ScimErrorBody? body, TimeSpan? retryAfter)
    {
        var detail = body?.Detail is { Length: > 0 } text ? text : null;
        var said = detail is null ? string.Empty : $" The target said: \"{detail}\"";
        var code = (int)status;
        return status switch
        {
            HttpStatusCode.Unauthorized => new ScimFailure(ScimErrorCodes.CredentialsInvalid, false,
                $"The target rejected the credentials (HTTP 401).{said}",
                "Re-enter the secret token or OAuth client credentials, run Test Connection, then restart provisioning.")
            { HttpStatus = code, ScimType = body?.ScimType, AffectsWholeJob = true },
            HttpStatusCode.Forbidden => new ScimFailure(ScimErrorCodes.Unauthorized, false,
                $"The target accepted the credentials but does not allow this operation (HTTP 403).{said}",
                "Grant the provisioning account permission to manage users and groups in the application.")
            { HttpStatus = code, ScimType = body?.ScimType },
            HttpStatusCode.NotFound when operation is ScimOperation.Query or ScimOperation.TestConnection => new ScimFailure(
                ScimErrorCodes.BadResponse, false,
                $"The target answered a filter query with HTTP 404 instead of 200 and an empty ListResponse.{said}",
                "Fix the SCIM endpoint: a query that matches nothing must return 200 with totalResults 0; run provisio scim validate.")
            { HttpStatus = code, ScimType = body?.ScimType, AffectsWholeJob = true },
            HttpStatusCode.NotFound when operation == ScimOperation.Discovery => new ScimFailure(ScimErrorCodes.BadResponse, false,
                $"The target has no such discovery endpoint (HTTP 404).{said}",
                "Check the tenant URL (it must end where /Users and /Groups start).")
            { HttpStatus = code, AffectsWholeJob = true },
            HttpStatusCode.NotFound => new ScimFailure(ScimErrorCodes.InvalidAnchor, false,
                $"The object provisioned or matched earlier no longer exists in the target (HTTP 404).{said}",
                "Restart provisioning so the object is matched again, or re-create it in the target.")
            { HttpStatus = code, ScimType = body?.ScimType },
            HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented => new ScimFailure(ScimErrorCodes.ServiceIncompatible, false,
                $"The target does not support this request (HTTP {code}); SCIM targets must support {(operation == ScimOperation.Update ? "PATCH" : "this method")}.{said}",
                "Ask the vendor to implement PATCH for users and groups (RFC 7644 §3.5.2); run provisio scim validate.")
            { HttpStatus = code, ScimType = body?.ScimType, AffectsWholeJob = true },
            HttpStatusCode.Conflict => new ScimFailure(ScimErrorCodes.EntryConflict, false,
                $"Another object in the target already has this value (HTTP 409).{said}",
                "Remove or fix the conflicting object in the target, or make the mapped value unique (add a disambiguator) and check the matching attribute.")
            { HttpStatus = code, ScimType = body?.ScimType },
            HttpStatusCode.TooManyRequests => new ScimFailure(ScimErrorCodes.TooManyRequests, true,
                $"The target is throttling requests (HTTP 429{(retryAfter is { } wait ? $", retry after {wait.TotalSeconds:0} s" : string.Empty)}).{said}",
                "Nothing to do: the request is retried after the target's Retry-After. If it persists, ask the vendor for a higher rate limit.")
            { HttpStatus = code, RetryAfter = retryAfter, ScimType = body?.ScimType },
            HttpStatusCode.RequestTimeout or HttpStatusCode.GatewayTimeout => new ScimFailure(ScimErrorCodes.Timeout, true,
                $"The target timed out (HTTP {code}).{said}", "Nothing to do: the operation is retried. If it persists, check the target's health.")
            { HttpStatus = code, RetryAfter = retryAfter },
            >= HttpStatusCode.InternalServerError => new ScimFailure(ScimErrorCodes.InternalServerError, true,
                $"The target failed with HTTP {code}.{said}", "Nothing to do: the operation is retried. If it persists, contact the application vendor.")
            { HttpStatus = code, RetryAfter = retryAfter, ScimType = body?.ScimType },
            HttpStatusCode.BadRequest when body?.ScimType is "uniqueness" => new ScimFailure(ScimErrorCodes.EntryConflict, false,
                $"The target reports a duplicate value (HTTP 400, scimType uniqueness).{said}",
                "Remove or fix the conflicting object in the target, or make the mapped value unique.")
            { HttpStatus = code, ScimType = body.ScimType },
            HttpStatusCode.BadRequest when IsMissingAttribute(detail) => new ScimFailure(ScimErrorCodes.MandatoryFieldsMissing, false,
                $"The target requires an attribute the object does not have (HTTP 400).{said}",
                "Populate the attribute in the source, or give its mapping a default value or an expression with a fallback.")
            { HttpStatus = code, ScimType = body?.ScimType },
            _ => new ScimFailure(ScimErrorCodes.UnprocessableEntity, false,
                $"The target rejected the request (HTTP {code}{(body?.ScimType is { } type ? $", scimType {type}" : string.Empty)}).{said}",
                "Read the target's message above; fix the mapped value or the attribute mapping, then provision on demand to check.")
            { HttpStatus = code, ScimType = body?.ScimType },
        };
    }

    /// <summary>A 2xx answer that is not a SCIM answer (reference B.8: wrong content type, unparsable body).</summary>
    public static ScimFailure BadResponse(int status, string problem) => new(ScimErrorCodes.BadResponse, false,
        $"The target's answer is not a valid SCIM response (HTTP {status}): {problem}",
        "Fix the SCIM endpoint (content type application/scim+json, a JSON body as RFC 7644 describes); run provisio scim validate.")
    { HttpStatus = status, AffectsWholeJob = true };

    /// <summary>A JSON body that does not have the shape SCIM requires (no id, no ListResponse).</summary>
    public static ScimFailure Incompatible(int status, string problem) => new(ScimErrorCodes.ServiceIncompatible, false,
        $"The target's answer does not follow SCIM 2.0 (HTTP {status}): {problem}",
        "Fix the SCIM endpoint as RFC 7643/7644 describe; run provisio scim validate to see every deviation.")
    { HttpStatus = status, AffectsWholeJob = true };

    public static ScimFailure MultipleEntries(int count, string query) => new(ScimErrorCodes.MultipleEntriesInResponse, false,
        $"The query {query} returned {count} resources where at most one was expected.",
        "Make the matching attribute unique in the target (remove duplicates), or match on another attribute.")
    { HttpStatus = 200 };

    /// <summary>No HTTP answer: timeout, DNS, refused or reset connection, TLS.</summary>
    public static ScimFailure Classify(Exception exception, bool timedOut)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (timedOut)
        {
            return new ScimFailure(ScimErrorCodes.Timeout, true,
                "The target did not answer within the timeout (Entra waits 60 seconds).",
                "Nothing to do: the operation is retried. If it persists, check the target's health and latency.");
        }

        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case AuthenticationException:
                    return new ScimFailure(ScimErrorCodes.TlsFailure, false, $"The TLS handshake with the target failed: {inner.Message}",
                        "Check the target's certificate (valid, trusted, matching the host name) and that it offers TLS 1.2 or later.")
                    { AffectsWholeJob = true };
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } socket:
                    return new ScimFailure(ScimErrorCodes.EndpointUnreachable, true, $"The target's host name does not resolve: {socket.Message}",
                        "Check the tenant URL's host name and DNS.")
                    { AffectsWholeJob = true };
                case SocketException socket:
                    return new ScimFailure(ScimErrorCodes.EndpointUnreachable, true, $"The target could not be reached ({socket.SocketErrorCode}): {socket.Message}",
                        "Check the tenant URL, that the SCIM service is running, and firewalls between Provisio and the target.")
                    { AffectsWholeJob = true };
            }
        }

        return new ScimFailure(ScimErrorCodes.EndpointUnreachable, true, $"The request to the target failed: {exception.Message}",
            "Check the tenant URL and that the SCIM service is reachable.")
        { AffectsWholeJob = true };
    }

    private static bool IsMissingAttribute(string? detail) => detail is not null
        && (detail.Contains("required", StringComparison.OrdinalIgnoreCase) || detail.Contains("mandatory", StringComparison.OrdinalIgnoreCase))
        && (detail.Contains("missing", StringComparison.OrdinalIgnoreCase) || detail.Contains("not provided", StringComparison.OrdinalIgnoreCase)
            || detail.Contains("must", StringComparison.OrdinalIgnoreCase));
}
