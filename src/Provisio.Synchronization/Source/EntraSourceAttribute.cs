using Provisio.Directory.Model;
using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Source;

/// <summary>
/// One attribute of Entra's source directory as provisioning reads it: its definition in the <c>Azure Active
/// Directory</c> directory definition, and how its value comes from a directory object and the engine's facts.
/// </summary>
public sealed class EntraSourceAttribute
{
    private readonly Func<DirectoryObject, EntraSourceFacts, ExpressionValue> _read;

    internal EntraSourceAttribute(AttributeDefinition definition, Func<DirectoryObject, EntraSourceFacts, ExpressionValue> read)
    {
        Definition = definition;
        _read = read;
    }

    public string Name => Definition.Name;

    public AttributeDefinition Definition { get; }

    public ExpressionValue Read(DirectoryObject source, EntraSourceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(facts);
        return _read(source, facts);
    }

    public override string ToString() => Name;
}
