using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisio.Scim;

/// <summary>
/// An RFC 7644 §3.12 error: <c>{"schemas":[Error], "status":"409", "scimType":"uniqueness", "detail":"..."}</c>.
/// <c>status</c> is a string in the RFC; targets also send a number, which is read as well.
/// </summary>
public sealed record ScimErrorBody(int Status, string? ScimType, string? Detail)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject(ScimJson.NodeOptions)
        {
            ["schemas"] = new JsonArray(ScimSchemas.Error),
            ["status"] = Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (ScimType is not null)
        {
            json["scimType"] = ScimType;
        }

        if (Detail is not null)
        {
            json["detail"] = Detail;
        }

        return json;
    }

    /// <summary>Reads an error body leniently; null when the text is not a JSON object.</summary>
    public static ScimErrorBody? TryRead(string? text, int fallbackStatus)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            if (ScimJson.Parse(text) is not JsonObject json)
            {
                return null;
            }

            var status = int.TryParse(ScimJson.Text(json["status"]), out var parsed) ? parsed : fallbackStatus;
            return new ScimErrorBody(status, ScimJson.Text(json["scimType"]),
                ScimJson.Text(json["detail"]) ?? ScimJson.Text(json["message"]) ?? ScimJson.Text(json["error"]));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
