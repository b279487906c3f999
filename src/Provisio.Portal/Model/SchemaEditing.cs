using System.Text.RegularExpressions;
using Provisio.Expressions;
using Provisio.Expressions.Graph;
using Provisio.Expressions.Syntax;
using Provisio.Synchronization.Schema;

namespace Provisio.Portal.Model;

/// <summary>The portal's "Mapping type" of an attribute mapping (reference entra-engine-and-api §5.1).</summary>
public enum MappingType
{
    Direct,
    Constant,
    Expression,
}

/// <summary>Where an object mapping sits in a job's schema: its rule, the mapping and the source and target object definitions.</summary>
public sealed record ObjectMappingLocation(SynchronizationRule Rule, ObjectMapping Mapping, ObjectDefinition? SourceObject, ObjectDefinition? TargetObject);

/// <summary>
/// What the mapping pages read from and write into a job's <see cref="SynchronizationSchema"/>: the portal's mapping
/// type, source and expression of an <see cref="AttributeMapping"/> (Graph's <c>attributeMappingSource</c> of type
/// <c>Attribute</c>, <c>Constant</c> or <c>Function</c>), and a schema with one object mapping changed.
/// </summary>
public static partial class SchemaEditing
{
    /// <summary>Direct for an attribute source, Constant for a constant (or no source, Graph's encoding with only a default value), else Expression.</summary>
    public static MappingType TypeOf(AttributeMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return mapping.Source switch
        {
            null => MappingType.Constant,
            { Type: AttributeMappingSourceType.Attribute } => MappingType.Direct,
            { Type: AttributeMappingSourceType.Constant } => MappingType.Constant,
            _ => MappingType.Expression,
        };
    }

    /// <summary>What the table shows as the source: the attribute name, the constant, or the expression text.</summary>
    public static string SourceText(AttributeMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return TypeOf(mapping) switch
        {
            MappingType.Direct => mapping.Source!.Name ?? string.Empty,
            MappingType.Constant => mapping.Source is { } constant ? constant.Name ?? string.Empty : mapping.DefaultValue ?? string.Empty,
            _ => ExpressionText(mapping.Source!),
        };
    }

    /// <summary>The mapping as one expression, as the engine evaluates it: <c>[attribute]</c>, <c>"constant"</c> or the expression.</summary>
    public static string ExpressionOf(AttributeMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return mapping.Source is { } source ? ExpressionText(source) : ExpressionPrinter.Quote(mapping.DefaultValue ?? string.Empty);
    }

    /// <summary>A source's expression text: as stored, else printed from Graph's parsed form.</summary>
    public static string ExpressionText(AttributeMappingSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!string.IsNullOrWhiteSpace(source.Expression))
        {
            return source.Expression;
        }

        var tree = AttributeMappingSourceConverter.FromGraph(source);
        return tree.Succeeded ? ExpressionPrinter.Print(tree.Tree) : source.Name ?? string.Empty;
    }

    /// <summary>Graph's source for a direct mapping of <paramref name="attribute"/>.</summary>
    public static AttributeMappingSource AttributeSource(string attribute) =>
        new() { Expression = $"[{attribute}]", Name = attribute, Type = AttributeMappingSourceType.Attribute };

    /// <summary>Graph's source for a constant.</summary>
    public static AttributeMappingSource ConstantSource(string value) =>
        new() { Expression = ExpressionPrinter.Quote(value), Name = value, Type = AttributeMappingSourceType.Constant };

    /// <summary>Graph's parsed form of an expression, keeping the administrator's text (the positions of errors refer to it).</summary>
    public static (AttributeMappingSource? Source, ExpressionError? Error) ExpressionSource(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = ExpressionParser.Parse(text);
        if (!parsed.Succeeded)
        {
            return (null, parsed.Error);
        }

        var source = AttributeMappingSourceConverter.ToGraph(parsed.Tree);
        return (source.Type == AttributeMappingSourceType.Function ? source with { Expression = text } : source, null);
    }

    /// <summary>An object mapping of the schema by name (case-insensitive), with its rule and object definitions; null when there is none.</summary>
    public static ObjectMappingLocation? Find(SynchronizationSchema schema, string objectMapping)
    {
        ArgumentNullException.ThrowIfNull(schema);
        foreach (var rule in schema.SynchronizationRules)
        {
            if (rule.ObjectMappings.FirstOrDefault(mapping => mapping.Name.Equals(objectMapping, StringComparison.OrdinalIgnoreCase)) is { } found)
            {
                return new ObjectMappingLocation(rule, found,
                    ObjectOf(schema, rule.SourceDirectoryName, found.SourceObjectName), ObjectOf(schema, rule.TargetDirectoryName, found.TargetObjectName));
            }
        }

        return null;
    }

    /// <summary>The schema with the object mapping <paramref name="objectMapping"/> replaced by <paramref name="change"/>'s result.</summary>
    public static SynchronizationSchema Change(SynchronizationSchema schema, string objectMapping, Func<ObjectMapping, ObjectMapping> change)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(change);
        return schema with
        {
            SynchronizationRules = [.. schema.SynchronizationRules.Select(rule => rule with
            {
                ObjectMappings = [.. rule.ObjectMappings.Select(mapping => mapping.Name.Equals(objectMapping, StringComparison.OrdinalIgnoreCase) ? change(mapping) : mapping)],
            })],
        };
    }

    /// <summary>Whether a form's version (posted empty for a schema never saved, which has none) is still the schema's.</summary>
    public static bool IsVersion(SynchronizationSchema schema, string? posted)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return string.Equals(schema.Version ?? string.Empty, posted ?? string.Empty, StringComparison.Ordinal);
    }

    /// <summary>An error's message without the "Syntax error (column N):" the page already says in its own words.</summary>
    public static string MessageOf(ExpressionError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return SyntaxPrefix().Replace(error.Message, string.Empty);
    }

    /// <summary>How the page names where an error is: "position 12", or "line 2, position 5" after a newline.</summary>
    public static string PlaceOf(ExpressionError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Position.Line > 1 ? $"line {error.Position.Line}, position {error.Position.Column}" : $"position {error.Position.Column}";
    }

    /// <summary>The line of <paramref name="text"/> the error is on and the spaces that put a caret under its column.</summary>
    public static (string Line, string Padding) CaretOf(string text, ExpressionError error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(error);
        var lines = text.Split('\n');
        var line = lines[Math.Clamp(error.Position.Line - 1, 0, lines.Length - 1)].TrimEnd('\r');
        var column = Math.Clamp(error.Position.Column - 1, 0, line.Length);
        return (line, string.Concat(line[..column].Select(c => c == '\t' ? '\t' : ' ')));
    }

    private static ObjectDefinition? ObjectOf(SynchronizationSchema schema, string directory, string objectName) =>
        schema.Directories.FirstOrDefault(candidate => candidate.Name.Equals(directory, StringComparison.OrdinalIgnoreCase))
            ?.Objects.FirstOrDefault(candidate => candidate.Name.Equals(objectName, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"^Syntax error \([^)]*\):\s*", RegexOptions.CultureInvariant)]
    private static partial Regex SyntaxPrefix();
}
