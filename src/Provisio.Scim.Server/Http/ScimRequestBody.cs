using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Provisio.Scim.Server.Http;

/// <summary>
/// Reads a request body once (the request log and the handler share it) and parses it as a SCIM JSON object with
/// case-insensitive names. Malformed JSON, a non-object, or names that repeat in any casing are 400
/// <c>invalidSyntax</c> (RFC 7644 §3.12), never a 500; a media type other than <c>application/scim+json</c> or
/// <c>application/json</c> is 415.
/// </summary>
internal static class ScimRequestBody
{
    private static readonly object TextKey = new();

    // Exact duplicates are rejected by the reader; duplicates differing in case by the case-insensitive object.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    public static async Task<string> ReadTextAsync(HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (httpContext.Items.TryGetValue(TextKey, out var cached) && cached is string text)
        {
            return text;
        }

        using var reader = new StreamReader(httpContext.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true,
            leaveOpen: true);
        text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        httpContext.Items[TextKey] = text;
        return text;
    }

    /// <summary>The body as a JSON object, or the SCIM error to answer with.</summary>
    public static async Task<(JsonObject? Body, ScimResponse? Error)> ReadObjectAsync(HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!IsAcceptedMediaType(httpContext.Request.ContentType))
        {
            return (null, ScimResponse.Error(StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type \"{httpContext.Request.ContentType}\" is not accepted; send application/scim+json or application/json."));
        }

        var text = await ReadTextAsync(httpContext, cancellationToken).ConfigureAwait(false);
        return Parse(text);
    }

    public static (JsonObject? Body, ScimResponse? Error) Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, ScimResponse.Error(400, "The request body is empty; send a JSON object.", "invalidSyntax"));
        }

        try
        {
            if (JsonNode.Parse(text, ScimJson.NodeOptions, DocumentOptions) is not JsonObject body)
            {
                return (null, ScimResponse.Error(400, "The request body is not a JSON object.", "invalidSyntax"));
            }

            Materialize(body);
            return (body, null);
        }
        catch (JsonException exception)
        {
            return (null, ScimResponse.Error(400, $"The request body is not valid JSON: {exception.Message}", "invalidSyntax"));
        }
        catch (ArgumentException exception)
        {
            // A case-insensitive object refuses "userName" next to "UserName" when it is first read.
            return (null, ScimResponse.Error(400, $"The request body names an attribute twice: {exception.Message}", "invalidSyntax"));
        }
    }

    /// <summary>JSON nodes parse lazily; read every object and array now, so a duplicate name fails here rather than later.</summary>
    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Materialize(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Materialize(item);
                }

                break;
        }
    }

    private static bool IsAcceptedMediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return true; // lenient: some clients send no Content-Type
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        var type = mediaType.MediaType.Value ?? string.Empty;
        return type.Equals(ScimSchemas.MediaType, StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/json", StringComparison.OrdinalIgnoreCase);
    }
}
