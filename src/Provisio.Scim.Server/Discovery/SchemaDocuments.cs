using System.Text.Json.Nodes;

namespace Provisio.Scim.Server.Discovery;

/// <summary>
/// The Schema resources of <c>/Schemas</c> (RFC 7643 §7, §8.7): core User, Group and the enterprise User extension
/// with their attributes and characteristics, camelCase values, no nulls (reference B.2 R2). Entra's schema
/// discovery flattens them into names like <c>emails[type eq "work"].value</c>, so multi-valued attributes list
/// their <c>type</c> values.
/// </summary>
internal static class SchemaDocuments
{
    private static readonly string[] EmailTypes = ["work", "home", "other"];
    private static readonly string[] PhoneTypes = ["work", "home", "mobile", "fax", "pager", "other"];

    public static IReadOnlyList<JsonObject> All(string baseUrl) =>
    [
        Schema(baseUrl, ScimSchemas.User, "User", "User Account", UserAttributes()),
        Schema(baseUrl, ScimSchemas.Group, "Group", "Group", GroupAttributes()),
        Schema(baseUrl, ScimSchemas.EnterpriseUser, "EnterpriseUser", "Enterprise User", EnterpriseAttributes()),
    ];

    private static JsonObject Schema(string baseUrl, string id, string name, string description, JsonArray attributes) => new(ScimJson.NodeOptions)
    {
        ["schemas"] = new JsonArray(ScimSchemas.Schema),
        ["id"] = id,
        ["name"] = name,
        ["description"] = description,
        ["attributes"] = attributes,
        ["meta"] = new JsonObject { ["resourceType"] = "Schema", ["location"] = $"{baseUrl}/Schemas/{id}" },
    };

    private static JsonArray UserAttributes() =>
    [
        Attribute("userName", required: true, uniqueness: "server",
            description: "Unique identifier for the User, typically used by the user to directly authenticate to the service provider."),
        Complex("name", "The components of the user's real name.",
            Attribute("formatted"), Attribute("familyName"), Attribute("givenName"), Attribute("middleName"),
            Attribute("honorificPrefix"), Attribute("honorificSuffix")),
        Attribute("displayName"),
        Attribute("nickName"),
        Attribute("profileUrl", type: "reference", referenceTypes: ["external"]),
        Attribute("title"),
        Attribute("userType"),
        Attribute("preferredLanguage"),
        Attribute("locale"),
        Attribute("timezone"),
        Attribute("active", type: "boolean"),
        Attribute("password", mutability: "writeOnly", returned: "never"),
        MultiValued("emails", "Email addresses for the user.", EmailTypes, Attribute("value"), Attribute("display")),
        MultiValued("phoneNumbers", "Phone numbers for the User.", PhoneTypes, Attribute("value"), Attribute("display")),
        MultiValued("ims", "Instant messaging addresses for the User.", ["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"],
            Attribute("value"), Attribute("display")),
        MultiValued("photos", "URLs of photos of the User.", ["photo", "thumbnail"],
            Attribute("value", type: "reference", referenceTypes: ["external"]), Attribute("display")),
        MultiValued("addresses", "A physical mailing address for this User.", EmailTypes,
            Attribute("formatted"), Attribute("streetAddress"), Attribute("locality"), Attribute("region"),
            Attribute("postalCode"), Attribute("country")),
        new JsonObject
        {
            ["name"] = "groups", ["type"] = "complex", ["multiValued"] = true, ["required"] = false, ["caseExact"] = false,
            ["mutability"] = "readOnly", ["returned"] = "default", ["uniqueness"] = "none",
            ["description"] = "A list of groups to which the user belongs.",
            ["subAttributes"] = new JsonArray(
                Attribute("value", mutability: "readOnly"),
                Attribute("$ref", type: "reference", mutability: "readOnly", referenceTypes: ["User", "Group"]),
                Attribute("display", mutability: "readOnly"),
                Attribute("type", mutability: "readOnly", canonicalValues: ["direct", "indirect"])),
        },
        MultiValued("entitlements", "A list of entitlements for the User.", [], Attribute("value"), Attribute("display")),
        MultiValued("roles", "A list of roles for the User.", [], Attribute("value"), Attribute("display")),
        MultiValued("x509Certificates", "A list of certificates issued to the User.", [],
            Attribute("value", type: "binary"), Attribute("display")),
    ];

    private static JsonArray GroupAttributes() =>
    [
        Attribute("displayName", required: true, uniqueness: "server", description: "A human-readable name for the Group."),
        new JsonObject
        {
            ["name"] = "members", ["type"] = "complex", ["multiValued"] = true, ["required"] = false, ["caseExact"] = false,
            ["mutability"] = "readWrite", ["returned"] = "default", ["uniqueness"] = "none",
            ["description"] = "A list of members of the Group.",
            ["subAttributes"] = new JsonArray(
                Attribute("value", mutability: "immutable", caseExact: true),
                Attribute("$ref", type: "reference", mutability: "immutable", referenceTypes: ["User", "Group"]),
                Attribute("display", mutability: "readOnly"),
                Attribute("type", mutability: "immutable", canonicalValues: ["User", "Group"])),
        },
    ];

    private static JsonArray EnterpriseAttributes() =>
    [
        Attribute("employeeNumber"),
        Attribute("costCenter"),
        Attribute("organization"),
        Attribute("division"),
        Attribute("department"),
        Complex("manager", "The User's manager.",
            Attribute("value", caseExact: true),
            Attribute("$ref", type: "reference", referenceTypes: ["User"]),
            Attribute("displayName", mutability: "readOnly")),
    ];

    private static JsonObject MultiValued(string name, string description, string[] types, params JsonObject[] subAttributes)
    {
        var all = new JsonArray([.. subAttributes]);
        all.Add(types.Length > 0 ? Attribute("type", canonicalValues: types) : Attribute("type"));
        all.Add(Attribute("primary", type: "boolean"));
        return new JsonObject
        {
            ["name"] = name, ["type"] = "complex", ["multiValued"] = true, ["required"] = false, ["caseExact"] = false,
            ["mutability"] = "readWrite", ["returned"] = "default", ["uniqueness"] = "none", ["description"] = description,
            ["subAttributes"] = all,
        };
    }

    private static JsonObject Complex(string name, string description, params JsonObject[] subAttributes) => new()
    {
        ["name"] = name, ["type"] = "complex", ["multiValued"] = false, ["required"] = false, ["caseExact"] = false,
        ["mutability"] = "readWrite", ["returned"] = "default", ["uniqueness"] = "none", ["description"] = description,
        ["subAttributes"] = new JsonArray([.. subAttributes]),
    };

    private static JsonObject Attribute(string name, string type = "string", bool required = false, bool caseExact = false,
        string mutability = "readWrite", string returned = "default", string uniqueness = "none", string? description = null,
        string[]? canonicalValues = null, string[]? referenceTypes = null)
    {
        var attribute = new JsonObject
        {
            ["name"] = name, ["type"] = type, ["multiValued"] = false, ["required"] = required, ["caseExact"] = caseExact,
            ["mutability"] = mutability, ["returned"] = returned, ["uniqueness"] = uniqueness,
        };
        if (description is not null)
        {
            attribute["description"] = description;
        }

        if (canonicalValues is not null)
        {
            attribute["canonicalValues"] = new JsonArray([.. canonicalValues.Select(value => (JsonNode)value)]);
        }

        if (referenceTypes is not null)
        {
            attribute["referenceTypes"] = new JsonArray([.. referenceTypes.Select(value => (JsonNode)value)]);
        }

        return attribute;
    }
}
