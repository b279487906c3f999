using Provisio.Directory.Model;
using Provisio.Expressions.Evaluation;

namespace Provisio.Synchronization.Source;

/// <summary>
/// A directory user or group as the attributes Entra's provisioning reads from it (<c>[userPrincipalName]</c>,
/// <c>[IsSoftDeleted]</c>, <c>[physicalDeliveryOfficeName]</c>, ...): Entra's names, read from Graph's properties
/// through <see cref="EntraSourceObject"/>'s list, plus directory extensions (<c>extension_{appId}_{name}</c>) as they
/// are named. Names ignore case; a null or absent value is no value (reference entra-expressions-and-scim A.2).
/// </summary>
public sealed class EntraSourceAttributes : IExpressionAttributes
{
    private const string DirectoryExtensionPrefix = "extension_";

    public EntraSourceAttributes(DirectoryObject source, EntraSourceFacts? facts = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
        Facts = facts ?? EntraSourceFacts.Default;
        Object = EntraSourceObject.For(source.Kind)
            ?? throw new ArgumentException($"A {source.Kind} is not provisioned; only users and groups are.", nameof(source));
    }

    public DirectoryObject Source { get; }

    public EntraSourceFacts Facts { get; }

    /// <summary>The source object definition the attributes come from (<c>User</c> or <c>Group</c>).</summary>
    public EntraSourceObject Object { get; }

    /// <summary>Entra's <c>IsSoftDeleted</c> for this object (reference entra-engine-and-api §1.7).</summary>
    public bool IsSoftDeleted => EntraSoftDeleted.Evaluate(Source, Facts);

    public bool TryGetValue(string name, out ExpressionValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Object.TryGetAttribute(name, out var attribute))
        {
            value = attribute.Read(Source, Facts);
        }
        else if (name.StartsWith(DirectoryExtensionPrefix, StringComparison.OrdinalIgnoreCase))
        {
            value = GraphPropertyValue.Of(Source.Properties, name);
        }
        else
        {
            value = ExpressionValue.Null;
        }

        return !value.IsNull;
    }
}
