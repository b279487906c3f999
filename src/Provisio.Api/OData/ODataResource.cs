using System.Globalization;
using System.Text.Json;
using Provisio.Directory.Model;

namespace Provisio.Api.OData;

/// <summary>
/// A Graph entity type as query options see it: its name for messages (<c>microsoft.graph.user</c>), its collection
/// for <c>@odata.context</c> (<c>users</c>), and its declared properties (<see cref="GraphProperties"/>).
/// </summary>
internal sealed class ODataResource(string typeName, string collection, GraphProperties properties)
{
    private const string ExtensionAttributes = "onPremisesExtensionAttributes";

    /// <summary>Graph's <c>microsoft.graph.applicationTemplate</c>, for <c>GET /applicationTemplates?$filter=displayName eq '...'</c>.</summary>
    public static GraphProperties ApplicationTemplateProperties { get; } = new("ApplicationTemplate", allowsExtensions: false, new(StringComparer.OrdinalIgnoreCase)
    {
        ["displayName"] = [JsonValueKind.String], ["description"] = [JsonValueKind.String], ["publisher"] = [JsonValueKind.String],
        ["homePageUrl"] = [JsonValueKind.String], ["logoUrl"] = [JsonValueKind.String], ["categories"] = [JsonValueKind.Array],
        ["supportedProvisioningTypes"] = [JsonValueKind.Array], ["supportedSingleSignOnModes"] = [JsonValueKind.Array],
    });

    public static ODataResource User { get; } = new("microsoft.graph.user", "users", GraphProperties.User);

    public static ODataResource Group { get; } = new("microsoft.graph.group", "groups", GraphProperties.Group);

    public static ODataResource ServicePrincipal { get; } = new("microsoft.graph.servicePrincipal", "servicePrincipals", GraphProperties.ServicePrincipal);

    public static ODataResource ApplicationTemplate { get; } = new("microsoft.graph.applicationTemplate", "applicationTemplates", ApplicationTemplateProperties);

    public static ODataResource For(DirectoryObjectKind kind) => kind switch
    {
        DirectoryObjectKind.User => User,
        DirectoryObjectKind.Group => Group,
        _ => ServicePrincipal,
    };

    /// <summary>Graph's qualified type name, <c>microsoft.graph.user</c>.</summary>
    public string TypeName => typeName;

    /// <summary>The collection's name in URLs and <c>@odata.context</c>, <c>users</c>.</summary>
    public string Collection => collection;

    /// <summary>The resource name in Graph's directory messages, <c>User</c>.</summary>
    public string Resource => properties.Resource;

    /// <summary>
    /// The property a query names, in Graph's spelling: <c>id</c>, a declared property, a directory extension,
    /// <c>deletedDateTime</c> when <paramref name="allowMetadata"/>, or (users) <c>onPremisesExtensionAttributes/extensionAttribute1</c>
    /// to <c>15</c>; null when the type has no such property. Any other path into a complex property answers the complex
    /// property (which a filter cannot compare).
    /// </summary>
    public ODataProperty? Find(string path, bool allowMetadata = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var head = slash < 0 ? path : path[..slash];
        if (properties.Canonical(head) is not { } name)
        {
            return allowMetadata && slash < 0 && head.Equals("deletedDateTime", StringComparison.OrdinalIgnoreCase)
                ? new ODataProperty("deletedDateTime", ODataPropertyType.String)
                : null;
        }

        var type = TypeOf(name);
        if (slash < 0)
        {
            return new ODataProperty(name, type);
        }

        if (type != ODataPropertyType.Complex)
        {
            return null;
        }

        // Graph: onPremisesExtensionAttributes 1-15 support $filter (eq, ne, eq null) (user-list, "Extension properties").
        if (name != ExtensionAttributes)
        {
            return new ODataProperty(name, ODataPropertyType.Complex);
        }

        return ExtensionAttribute(path[(slash + 1)..]) is { } attribute
            ? new ODataProperty($"{ExtensionAttributes}/{attribute}", ODataPropertyType.String)
            : null;
    }

    private ODataPropertyType TypeOf(string name)
    {
        if (name == "id")
        {
            return ODataPropertyType.Id;
        }

        var kinds = properties.KindsOf(name);
        return kinds switch
        {
            [] => ODataPropertyType.Untyped,
            [JsonValueKind.String] => ODataPropertyType.String,
            [JsonValueKind.Array] => ODataPropertyType.Collection,
            [JsonValueKind.Object] => ODataPropertyType.Complex,
            _ when kinds.Contains(JsonValueKind.True) => ODataPropertyType.Boolean,
            _ => ODataPropertyType.Untyped,
        };
    }

    private static string? ExtensionAttribute(string name)
    {
        const string Prefix = "extensionAttribute";
        return name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            && int.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number is >= 1 and <= 15
            && name.Length == Prefix.Length + number.ToString(CultureInfo.InvariantCulture).Length
                ? Prefix + number.ToString(CultureInfo.InvariantCulture)
                : null;
    }
}
