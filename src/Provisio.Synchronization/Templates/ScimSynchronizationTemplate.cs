using Provisio.Expressions.Graph;
using Provisio.Expressions.Syntax;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Source;

namespace Provisio.Synchronization.Templates;

/// <summary>
/// The synchronization template of a non-gallery SCIM application, <c>scim</c> (INTERFACES.md; the template new
/// non-gallery jobs use, reference entra-engine-and-api §1.1), and its default schema as Entra ships it: one rule
/// from <c>Azure Active Directory</c> to <c>customappsso</c> with a group and a user object mapping and Entra's
/// default attribute mappings (reference entra-expressions-and-scim B.12).
/// </summary>
/// <remarks>
/// The rule's id and name are those of Entra's outbound user-and-group rule: <c>03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8</c>,
/// <c>USERGROUP_OUTBOUND_USERGROUP</c>, as in the AWS template dump of Graph's provisioning tutorial and in
/// <c>provisionOnDemand</c> calls against <c>scim.*</c> jobs (the Terraform provider's tests call it "a global
/// value"). The groups mapping comes first, as the portal lists it and the template dump shows it.
/// </remarks>
public static class ScimSynchronizationTemplate
{
    public const string Id = "scim";

    public const string RuleId = "03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8";

    public const string RuleName = "USERGROUP_OUTBOUND_USERGROUP";

    public const string UserMappingName = "Provision Microsoft Entra ID Users";

    public const string GroupMappingName = "Provision Microsoft Entra ID Groups";

    /// <summary>The non-gallery SCIM application template (INTERFACES.md), which the template belongs to.</summary>
    public static readonly Guid ApplicationTemplateId = Guid.Parse("8adf8e6e-67b2-4cf2-a259-e3dc5476c621");

    /// <summary>The template's schema id, as Graph writes a template schema's: <c>{templateId}.{32 zeros}</c>.</summary>
    public static readonly string SchemaId = $"{Id}.{Guid.Empty:N}";

    /// <summary>The rule (declared before <see cref="Template"/>, whose schema holds it: static fields initialize in order).</summary>
    public static SynchronizationRule Rule { get; } = new()
    {
        Id = RuleId,
        Name = RuleName,
        Priority = 1,
        Editable = true,
        SourceDirectoryName = EntraSourceDirectory.Name,
        TargetDirectoryName = ScimTargetDirectory.Name,
        Metadata = [new("supportsProvisionOnDemand", "true")],
        ObjectMappings = [GroupMapping(), UserMapping()],
    };

    public static SynchronizationTemplate Template { get; } = new()
    {
        Id = Id,
        ApplicationId = ApplicationTemplateId,
        Default = true,
        Discoverable = true,
        FactoryTag = Id,
        Metadata =
        [
            new("galleryApplicationIdentifier", ApplicationTemplateId.ToString("D")),
            // The portal's Admin Credentials: Tenant URL and Secret Token (reference §1.16)
            new("configurationFields", "[{\"name\":\"baseaddress\"},{\"name\":\"secrettoken\",\"secret\":true}]"),
        ],
        Schema = CreateSchema(SchemaId),
    };

    /// <summary>The default schema under the given id (a job's schema takes the job's id).</summary>
    public static SynchronizationSchema CreateSchema(string schemaId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaId);
        return new SynchronizationSchema
        {
            Id = schemaId,
            SynchronizationRules = [Rule],
            Directories = [EntraSourceDirectory.Definition, ScimTargetDirectory.Definition],
        };
    }

    private static ObjectMapping GroupMapping() => new()
    {
        Name = GroupMappingName,
        SourceObjectName = EntraSourceObject.Group.Name,
        TargetObjectName = ScimTargetDirectory.GroupObjectName,
        AttributeMappings =
        [
            Map("displayName", "[displayName]", matchingPriority: 1),
            Map("externalId", "[objectId]"),
            Map("members", "[members]"),
        ],
        Metadata = ObjectMappingMetadata("displayName"),
    };

    private static ObjectMapping UserMapping() => new()
    {
        Name = UserMappingName,
        SourceObjectName = EntraSourceObject.User.Name,
        TargetObjectName = ScimTargetDirectory.UserObjectName,
        AttributeMappings =
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
            Map(ScimTargetDirectory.EnterpriseExtension + "employeeNumber", "[employeeId]"),
            Map(ScimTargetDirectory.EnterpriseExtension + "department", "[department]"),
            Map(ScimTargetDirectory.EnterpriseExtension + "manager", "[manager]"),
        ],
        Metadata = ObjectMappingMetadata("userName"),
    };

    /// <summary>
    /// The metadata Graph's examples show on every object mapping (reference entra-engine-and-api §5.2), with the
    /// template dump's <c>OriginalJoiningProperty</c>: the matching attribute the template shipped with.
    /// </summary>
    private static MetadataEntry[] ObjectMappingMetadata(string joiningProperty) =>
    [
        new("IsCustomerDefined", "false"),
        new("DisableMonitoringForChanges", "false"),
        new("Disposition", "\"Normal\""),
        new("ExcludeFromReporting", "false"),
        new("EscrowBehavior", "\"Default\""),
        new("Unsynchronized", "false"),
        new("OriginalJoiningProperty", joiningProperty),
    ];

    /// <summary>A mapping as Entra's defaults are: flows always, when changed, no default value; its source in Graph's parsed form.</summary>
    private static AttributeMapping Map(string target, string expression, int matchingPriority = 0)
    {
        var parsed = ExpressionParser.Parse(expression);
        return parsed.Succeeded
            ? new AttributeMapping { TargetAttributeName = target, Source = AttributeMappingSourceConverter.ToGraph(parsed.Tree), MatchingPriority = matchingPriority }
            : throw new InvalidOperationException($"The default mapping of {target} does not parse: {parsed.Error.Message}");
    }
}
