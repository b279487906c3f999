using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Templates;

/// <summary>
/// The target side of the <c>scim</c> template: the directory Entra calls <c>customappsso</c> (the portal's
/// "customappsso Attribute" column; Graph's schema-update example names its id), with a SCIM 2.0 user (the core
/// schema with the enterprise extension, RFC 7643 §4.1, §4.3) and group (§4.2). Attribute names are the paths the
/// default mappings write (reference entra-expressions-and-scim B.12, entra-engine-and-api §5.2): multi-valued
/// attributes filtered by type (<c>emails[type eq "work"].value</c>), sub-attributes dotted (<c>name.givenName</c>),
/// extension attributes prefixed by their schema URN.
/// </summary>
public static class ScimTargetDirectory
{
    public const string Name = "customappsso";

    /// <summary>The id Graph's Update synchronizationSchema example gives the customappsso directory.</summary>
    public const string Id = "09760868-cafb-47ac-9031-0a3262300427";

    /// <summary>The target object of the user mapping: the enterprise user (RFC 7643 §4.3).</summary>
    public const string UserObjectName = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    public const string GroupObjectName = "urn:ietf:params:scim:schemas:core:2.0:Group";

    /// <summary>The prefix of the enterprise extension's attributes: <c>urn:...:enterprise:2.0:User:department</c>.</summary>
    public const string EnterpriseExtension = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:";

    public static ObjectDefinition User { get; } = new()
    {
        Name = UserObjectName,
        Attributes =
        [
            // The SCIM id is the anchor: the target's key, which "must not be a target attribute" of a mapping (reference §1.7)
            Attribute("id", anchor: true),
            Attribute("userName", required: true),
            Attribute("active", AttributeType.Boolean),
            Attribute("displayName"),
            Attribute("nickName"),
            Attribute("title"),
            Attribute("userType"),
            Attribute("preferredLanguage"),
            Attribute("locale"),
            Attribute("timezone"),
            Attribute("emails[type eq \"work\"].value"),
            Attribute("emails[type eq \"other\"].value"),
            Attribute("name.givenName"),
            Attribute("name.familyName"),
            Attribute("name.formatted"),
            Attribute("name.middleName"),
            Attribute("name.honorificPrefix"),
            Attribute("name.honorificSuffix"),
            Attribute("addresses[type eq \"work\"].formatted"),
            Attribute("addresses[type eq \"work\"].streetAddress"),
            Attribute("addresses[type eq \"work\"].locality"),
            Attribute("addresses[type eq \"work\"].region"),
            Attribute("addresses[type eq \"work\"].postalCode"),
            Attribute("addresses[type eq \"work\"].country"),
            Attribute("addresses[type eq \"other\"].formatted"),
            Attribute("phoneNumbers[type eq \"work\"].value"),
            Attribute("phoneNumbers[type eq \"mobile\"].value"),
            Attribute("phoneNumbers[type eq \"fax\"].value"),
            Attribute("roles[primary eq \"True\"].value"),
            Attribute("roles[primary eq \"True\"].display"),
            Attribute("roles[primary eq \"True\"].type"),
            Attribute("externalId"),
            Attribute(EnterpriseExtension + "employeeNumber"),
            Attribute(EnterpriseExtension + "costCenter"),
            Attribute(EnterpriseExtension + "organization"),
            Attribute(EnterpriseExtension + "division"),
            Attribute(EnterpriseExtension + "department"),
            Attribute(EnterpriseExtension + "manager", AttributeType.Reference, referencedObjects: [new(UserObjectName)]),
        ],
        Metadata = [new("IsSoftDeletionSupported", "true"), new("ConnectorDataStorageRequired", "true")],
    };

    public static ObjectDefinition Group { get; } = new()
    {
        Name = GroupObjectName,
        Attributes =
        [
            Attribute("id", anchor: true),
            Attribute("displayName", required: true),
            Attribute("externalId"),
            Attribute("members", AttributeType.Reference, multivalued: true, referencedObjects: [new(UserObjectName), new(GroupObjectName)]),
        ],
        Metadata = [new("IsSoftDeletionSupported", "true"), new("ConnectorDataStorageRequired", "true")],
    };

    public static DirectoryDefinition Definition { get; } = new() { Id = Id, Name = Name, Objects = [User, Group] };

    private static AttributeDefinition Attribute(string name, AttributeType type = AttributeType.String, bool anchor = false, bool required = false,
        bool multivalued = false, IReadOnlyList<ReferencedObject>? referencedObjects = null) => new()
        {
            Name = name,
            Type = type,
            Anchor = anchor,
            Required = required,
            Multivalued = multivalued,
            ReferencedObjects = referencedObjects ?? [],
        };
}
