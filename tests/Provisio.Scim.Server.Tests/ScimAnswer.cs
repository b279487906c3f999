using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Provisio.Scim.Server.Tests;

/// <summary>What the server answered: status, raw body and headers.</summary>
internal sealed record ScimAnswer(int Status, string Text, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders)
{
    /// <summary>The body as a JSON object with case-insensitive names (throws when it is not JSON).</summary>
    public JsonObject Json => ScimJson.ParseObject(Text);

    public string? MediaType => ContentHeaders.ContentType?.MediaType;

    public string? ETag => Headers.ETag?.ToString();

    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) || ContentHeaders.TryGetValues(name, out values) ? string.Join(",", values) : null;

    /// <summary>Asserts an RFC 7644 §3.12 error body with this status (and scimType, when given) and returns its detail.</summary>
    public string ShouldBeScimError(int status, string? scimType = null)
    {
        Status.ShouldBe(status, Text);
        MediaType.ShouldBe("application/scim+json");
        var json = Json;
        json["schemas"]!.AsArray().Select(schema => schema!.GetValue<string>()).ShouldBe([ScimSchemas.Error]);
        json["status"]!.GetValue<string>().ShouldBe(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (scimType is not null)
        {
            json["scimType"]?.GetValue<string>().ShouldBe(scimType);
        }

        return json["detail"]?.GetValue<string>() ?? string.Empty;
    }

    /// <summary>The <c>Resources</c> of a ListResponse.</summary>
    public IReadOnlyList<JsonObject> Resources => [.. Json["Resources"]!.AsArray().Select(resource => resource!.AsObject())];
}
