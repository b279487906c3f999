using System.Collections.Frozen;
using System.Globalization;
using Provisio.Directory.Model;
using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Source;

/// <summary>
/// An object of Entra's source directory (<c>User</c>, <c>Group</c>) as provisioning sees it: the one list of its
/// attributes, each with Entra's name and definition and the Graph property it reads. The <c>Azure Active
/// Directory</c> directory definition of the default schema is built from these lists, and
/// <see cref="EntraSourceAttributes"/> reads them, so the two cannot disagree.
/// </summary>
/// <remarks>
/// The user's attributes, types and metadata follow Graph's objectDefinition example of Entra's <c>User</c>
/// (https://learn.microsoft.com/graph/api/resources/synchronization-objectdefinition) and its synchronization schema
/// sample, with the attributes the default mappings need (reference entra-expressions-and-scim B.12) and those
/// Provisio's directory keeps. Left out: <c>passwordProfile.password</c> (passwords are never provisioned, reference
/// entra-engine-and-api §1.7).
/// </remarks>
public sealed class EntraSourceObject
{
    private readonly FrozenDictionary<string, EntraSourceAttribute> _byName;

    private EntraSourceObject(string name, DirectoryObjectKind kind, IReadOnlyList<EntraSourceAttribute> attributes, IReadOnlyList<MetadataEntry> metadata)
    {
        Name = name;
        Kind = kind;
        Attributes = attributes;
        _byName = attributes.ToFrozenDictionary(attribute => attribute.Name, StringComparer.OrdinalIgnoreCase);
        Definition = new ObjectDefinition { Name = name, Attributes = [.. attributes.Select(attribute => attribute.Definition)], Metadata = metadata };
    }

    public static EntraSourceObject User { get; } = new("User", DirectoryObjectKind.User, UserAttributes(), ObjectMetadata(accountEnabled: true));

    public static EntraSourceObject Group { get; } = new("Group", DirectoryObjectKind.Group, GroupAttributes(), ObjectMetadata(accountEnabled: false));

    /// <summary>The object's name in the directory definition and in object mappings' <c>sourceObjectName</c>.</summary>
    public string Name { get; }

    public DirectoryObjectKind Kind { get; }

    public IReadOnlyList<EntraSourceAttribute> Attributes { get; }

    public ObjectDefinition Definition { get; }

    /// <summary>The source object for a kind of directory object, or null (service principals are not provisioned).</summary>
    public static EntraSourceObject? For(DirectoryObjectKind kind) => kind switch
    {
        DirectoryObjectKind.User => User,
        DirectoryObjectKind.Group => Group,
        _ => null,
    };

    /// <summary>An attribute by name, ignoring case as Entra's built-in attribute names do.</summary>
    public bool TryGetAttribute(string name, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out EntraSourceAttribute attribute) =>
        _byName.TryGetValue(name, out attribute);

    // reference entra-engine-and-api §5.2: IsSoftDeletionSupported, PropertyNameAccountEnabled, PropertyNameSoftDeleted
    private static MetadataEntry[] ObjectMetadata(bool accountEnabled) => accountEnabled
        ?
        [
            new("IsSoftDeletionSupported", "true"), new("ConnectorDataStorageRequired", "true"), new("IsSynchronizeAllSupported", "true"),
            new("PropertyNameAccountEnabled", "accountEnabled"), new("PropertyNameSoftDeleted", "IsSoftDeleted"),
        ]
        :
        [
            new("IsSoftDeletionSupported", "true"), new("ConnectorDataStorageRequired", "true"), new("IsSynchronizeAllSupported", "true"),
            new("PropertyNameSoftDeleted", "IsSoftDeleted"),
        ];

    private static List<EntraSourceAttribute> UserAttributes()
    {
        List<EntraSourceAttribute> attributes =
        [
            ObjectId(),
            SoftDeleted(),
            Property("accountEnabled", "accountEnabled", AttributeType.Boolean, required: true),
            Property("streetAddress"),
            Property("city"),
            Property("state"),
            Property("postalCode"),
            Property("country"),
            Property("companyName"),
            Property("department"),
            // Graph's onPremisesSyncEnabled; Entra's sample calls it dirSyncEnabled
            Property("dirSyncEnabled", "onPremisesSyncEnabled", AttributeType.Boolean),
            Property("displayName", required: true),
            Property("employeeHireDate", type: AttributeType.DateTime),
            Property("employeeId"),
            Property("employeeType"),
        ];

        // Exchange's extensionAttribute1..15, Graph's onPremisesExtensionAttributes
        for (var i = 1; i <= 15; i++)
        {
            var name = "extensionAttribute" + i.ToString(CultureInfo.InvariantCulture);
            attributes.Add(new(Define(name), (source, _) => GraphPropertyValue.Nested(source.Properties, "onPremisesExtensionAttributes", name)));
        }

        attributes.AddRange(
        [
            Property("facsimileTelephoneNumber", "faxNumber"),
            Property("givenName"),
            Property("jobTitle"),
            Property("mail"),
            Property("mailNickname"),
            new(Define("manager", AttributeType.Reference, referencedObjects: [new("User")]),
                (_, facts) => facts.ManagerId is { } manager ? ExpressionValue.From(manager.ToString("D")) : ExpressionValue.Null),
            Property("mobile", "mobilePhone"),
            Property("onPremisesImmutableId"),
            Property("onPremisesSamAccountName"),
            Property("onPremisesSecurityIdentifier"),
            // reference entra-engine-and-api §1.5: the raw userPrincipalName, #EXT# and all
            Property("originalUserPrincipalName", "userPrincipalName"),
            Property("otherMails", multivalued: true),
            Property("physicalDeliveryOfficeName", "officeLocation"),
            Property("preferredLanguage", required: true),
            Property("proxyAddresses", multivalued: true),
            Property("surname", required: true),
            new(Define("telephoneNumber"), (source, _) => GraphPropertyValue.FirstOf(source.Properties, "businessPhones")),
            Property("usageLocation"),
            new(Define("userPrincipalName", required: true), (source, _) => GraphPropertyValue.Of(source.Properties, "userPrincipalName") is { Kind: ExpressionValueKind.String } upn
                ? ExpressionValue.From(GuestPrincipalName.Strip(upn.AsString()!))
                : ExpressionValue.Null),
            new(Define("appRoleAssignments", AttributeType.Reference), (_, facts) => ExpressionValue.From(facts.AppRoleAssignments)),
        ]);
        return attributes;
    }

    private static List<EntraSourceAttribute> GroupAttributes() =>
    [
        ObjectId(),
        SoftDeleted(),
        Property("description"),
        Property("displayName", required: true),
        Property("mail"),
        Property("mailEnabled", type: AttributeType.Boolean),
        Property("mailNickname"),
        new(Define("members", AttributeType.Reference, multivalued: true, referencedObjects: [new("User"), new("Group")]),
            (_, facts) => facts.MemberIds is { } members ? ExpressionValue.From(members.Select(member => member.ToString("D")).ToArray()) : ExpressionValue.Null),
        Property("securityEnabled", type: AttributeType.Boolean),
    ];

    /// <summary>The anchor: the object's id (B.3.1 shows it as a lowercase GUID).</summary>
    private static EntraSourceAttribute ObjectId() =>
        new(Define("objectId", anchor: true), (source, _) => ExpressionValue.From(source.Id.ToString("D")));

    private static EntraSourceAttribute SoftDeleted() =>
        new(Define("IsSoftDeleted", AttributeType.Boolean, required: true), (source, facts) => ExpressionValue.From(EntraSoftDeleted.Evaluate(source, facts)));

    private static EntraSourceAttribute Property(string name, string? graphProperty = null, AttributeType type = AttributeType.String,
        bool required = false, bool multivalued = false)
    {
        var property = graphProperty ?? name;
        return new(Define(name, type, required: required, multivalued: multivalued), (source, _) => GraphPropertyValue.Of(source.Properties, property));
    }

    private static AttributeDefinition Define(string name, AttributeType type = AttributeType.String, bool anchor = false, bool required = false,
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
