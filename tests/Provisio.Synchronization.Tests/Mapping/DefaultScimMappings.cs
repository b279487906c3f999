using Provisio.Expressions.Graph;
using Provisio.Expressions.Syntax;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Tests.Mapping;

/// <summary>
/// The user and group mappings of the non-gallery <c>scim</c> template, as reference entra-expressions-and-scim B.12
/// lists them, built here so these tests do not depend on the template's own code; sources in Graph's full
/// attributeMappingSource form (reference entra-engine-and-api §5.1).
/// </summary>
internal static class DefaultScimMappings
{
    public const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    public static AttributeMappingSource Source(string expression)
    {
        var parsed = ExpressionParser.Parse(expression);
        parsed.Succeeded.ShouldBeTrue(parsed.Error?.ToString());
        return AttributeMappingSourceConverter.ToGraph(parsed.Tree);
    }

    public static AttributeMapping Map(string target, string expression, int matchingPriority = 0) =>
        new() { TargetAttributeName = target, Source = Source(expression), MatchingPriority = matchingPriority };

    public static IReadOnlyList<AttributeMapping> UserAttributes { get; } =
    [
        Map("userName", "[userPrincipalName]", matchingPriority: 1),
        Map("active", "Switch([IsSoftDeleted], , \"False\", \"True\", \"True\", \"False\")"),
        Map("displayName", "[displayName]"),
        Map("title", "[jobTitle]"),
        Map("emails[type eq \"work\"].value", "[mail]"),
        Map("preferredLanguage", "[preferredLanguage]"),
        Map("name.givenName", "[givenName]"),
        Map("name.familyName", "[surname]"),
        Map("name.formatted", "Join(\" \", [givenName], [surname])"),
        Map("addresses[type eq \"work\"].formatted", "[physicalDeliveryOfficeName]"),
        Map("addresses[type eq \"work\"].streetAddress", "[streetAddress]"),
        Map("addresses[type eq \"work\"].locality", "[city]"),
        Map("addresses[type eq \"work\"].region", "[state]"),
        Map("addresses[type eq \"work\"].postalCode", "[postalCode]"),
        Map("addresses[type eq \"work\"].country", "[country]"),
        Map("phoneNumbers[type eq \"work\"].value", "[telephoneNumber]"),
        Map("phoneNumbers[type eq \"mobile\"].value", "[mobile]"),
        Map("phoneNumbers[type eq \"fax\"].value", "[facsimileTelephoneNumber]"),
        Map("externalId", "[mailNickname]"),
        Map(Enterprise + ":employeeNumber", "[employeeId]"),
        Map(Enterprise + ":department", "[department]"),
        Map(Enterprise + ":manager", "[manager]"),
    ];

    public static ObjectMapping Users(IReadOnlyList<AttributeMapping>? attributes = null) => new()
    {
        Name = "Provision Microsoft Entra ID Users",
        SourceObjectName = "User",
        TargetObjectName = Enterprise,
        AttributeMappings = attributes ?? UserAttributes,
    };

    public static ObjectMapping Groups { get; } = new()
    {
        Name = "Provision Microsoft Entra ID Groups",
        SourceObjectName = "Group",
        TargetObjectName = "urn:ietf:params:scim:schemas:core:2.0:Group",
        AttributeMappings =
        [
            Map("displayName", "[displayName]", matchingPriority: 1),
            Map("externalId", "[objectId]"),
            Map("members", "[members]"),
        ],
    };

    /// <summary>A user as the source adapter would present her: names beyond ASCII, no fax number.</summary>
    public static Provisio.Expressions.Evaluation.AttributeBag Zoe() => new Provisio.Expressions.Evaluation.AttributeBag()
        .Set("objectId", "5e6c9a2e-4f3b-4c1d-9e8f-0a1b2c3d4e5f")
        .Set("userPrincipalName", "zoe.angstrom@contoso.com")
        .Set("IsSoftDeleted", Provisio.Expressions.Evaluation.ExpressionValue.From(false))
        .Set("displayName", "Zoë Ångström")
        .Set("jobTitle", "Ingénieure principale")
        .Set("mail", "zoe.angstrom@contoso.com")
        .Set("preferredLanguage", "sv-SE")
        .Set("givenName", "Zoë")
        .Set("surname", "Ångström")
        .Set("physicalDeliveryOfficeName", "Malmö HQ")
        .Set("streetAddress", "Södra Förstadsgatan 1")
        .Set("city", "Malmö")
        .Set("state", "Skåne")
        .Set("postalCode", "211 43")
        .Set("country", "SE")
        .Set("telephoneNumber", "+46 40 123 45 67")
        .Set("mobile", "+46 70 123 45 67")
        .Set("mailNickname", "zoe.angstrom")
        .Set("employeeId", "004217")
        .Set("department", "Recherche & Développement")
        .Set("manager", "9f8e7d6c-5b4a-4321-8765-43210fedcba9");
}
