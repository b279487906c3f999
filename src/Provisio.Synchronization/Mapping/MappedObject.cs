namespace Provisio.Synchronization.Mapping;

/// <summary>
/// One source object mapped to its target values: a value per attribute mapping (indexed as
/// <see cref="CompiledObjectMapping.Attributes"/>; null = not exported), the matching values in priority order, the
/// reference attributes with their source ids, and the errors of the attributes that could not be computed. An
/// object an expression answered with IgnoreObjectFlow carries no values and is not flowed.
/// </summary>
public sealed class MappedObject
{
    private readonly TargetValue[] _values;
    private readonly MatchingValue[] _matching;

    internal MappedObject(CompiledObjectMapping mapping, bool isCreate, TargetValue[] values, MatchingValue[] matching,
        IReadOnlyList<ReferenceValue>? references, IReadOnlyList<AttributeMappingError>? errors)
    {
        Mapping = mapping;
        IsCreate = isCreate;
        _values = values;
        _matching = matching;
        References = references ?? [];
        Errors = errors ?? [];
    }

    public CompiledObjectMapping Mapping { get; }

    /// <summary>Evaluated for a create: default values applied, "only during object creation" mappings included.</summary>
    public bool IsCreate { get; }

    /// <summary>The target attribute whose expression returned IgnoreObjectFlow; null when the object flows.</summary>
    public string? ObjectFlowIgnoredBy { get; private init; }

    public bool IsObjectFlowIgnored => ObjectFlowIgnoredBy is not null;

    /// <summary>The value of each attribute mapping, by index; references are never here (see <see cref="References"/>).</summary>
    public ReadOnlySpan<TargetValue> Values => _values;

    public TargetValue this[int index] => _values[index];

    /// <summary>The matching attributes in ascending priority with their values, null where the object has none.</summary>
    public IReadOnlyList<MatchingValue> MatchingValues => _matching;

    /// <summary>Some matching attribute has a value; otherwise matching skips the object (<c>ImportSkipped</c>, reference §1.6).</summary>
    public bool HasMatchingValue
    {
        get
        {
            foreach (var matching in _matching)
            {
                if (matching.Value is not null)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public IReadOnlyList<ReferenceValue> References { get; }

    public IReadOnlyList<AttributeMappingError> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    /// <summary>The value mapped to <paramref name="targetAttributeName"/> (case-insensitive); null when none is.</summary>
    public TargetValue ValueOf(string targetAttributeName) =>
        Mapping.Find(targetAttributeName) is { } attribute ? _values[attribute.Index] : TargetValue.Null;

    internal static MappedObject Ignored(CompiledObjectMapping mapping, bool isCreate, string ignoredBy,
        IReadOnlyList<AttributeMappingError>? errors) =>
        new(mapping, isCreate, new TargetValue[mapping.Attributes.Count], [], null, errors) { ObjectFlowIgnoredBy = ignoredBy };
}
