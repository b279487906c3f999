using Provisio.Expressions;
using Provisio.Expressions.Compilation;
using Provisio.Expressions.Evaluation;
using Provisio.Expressions.Functions;
using Provisio.Expressions.Graph;
using Provisio.Expressions.Syntax;
using Provisio.Scim;
using Provisio.Scim.Filters;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Mapping;

/// <summary>
/// An <see cref="ObjectMapping"/> compiled once (every source to a <see cref="CompiledExpression"/>, every target
/// attribute to a SCIM path) and evaluated for each source object into its target values. Compiling never throws: a
/// mapping that does not compile is reported in <see cref="CompileErrors"/> with its target attribute and the
/// expression's position. Evaluating never throws either and allocates one array of values per object, indexed as
/// <see cref="Attributes"/>, plus the matching values and the references.
/// </summary>
public sealed class CompiledObjectMapping
{
    private readonly CompiledAttributeMapping[] _attributes;
    private readonly MatchingValue[] _matchingTemplate;
    private readonly int[] _matchingSlot;

    private CompiledObjectMapping(ObjectMapping mapping, CompiledAttributeMapping[] attributes,
        IReadOnlyList<AttributeMappingCompileError> compileErrors)
    {
        Mapping = mapping;
        _attributes = attributes;
        CompileErrors = compileErrors;
        _matchingSlot = new int[attributes.Length];
        Array.Fill(_matchingSlot, -1);
        // reference entra-engine-and-api §1.6: matching attributes are those with matchingPriority > 0, tried in ascending priority.
        var matching = attributes.Where(attribute => attribute.IsMatching)
            .OrderBy(attribute => attribute.MatchingPriority).ThenBy(attribute => attribute.Index).ToArray();
        _matchingTemplate = new MatchingValue[matching.Length];
        for (var slot = 0; slot < matching.Length; slot++)
        {
            _matchingTemplate[slot] = new MatchingValue(matching[slot], null);
            _matchingSlot[matching[slot].Index] = slot;
        }

        HasEnterpriseAttributes = attributes.Any(attribute =>
            attribute.TargetPath?.Schema is { } schema && schema.Equals(ScimSchemas.EnterpriseUser, StringComparison.OrdinalIgnoreCase));
    }

    public ObjectMapping Mapping { get; }

    /// <summary>The attribute mappings in the object mapping's order; <see cref="MappedObject"/> values use the same index.</summary>
    public IReadOnlyList<CompiledAttributeMapping> Attributes => _attributes;

    public IReadOnlyList<AttributeMappingCompileError> CompileErrors { get; }

    public bool Succeeded => CompileErrors.Count == 0;

    /// <summary>Some attribute is written into the enterprise extension (its URN then goes into <c>schemas</c>).</summary>
    public bool HasEnterpriseAttributes { get; }

    /// <summary>The matching attributes in ascending priority (reference entra-engine-and-api §1.6).</summary>
    public IEnumerable<CompiledAttributeMapping> MatchingAttributes => _matchingTemplate.Select(slot => slot.Attribute);

    /// <summary>The attribute mapping whose target attribute is <paramref name="targetAttributeName"/> (case-insensitive), or null.</summary>
    public CompiledAttributeMapping? Find(string targetAttributeName)
    {
        ArgumentNullException.ThrowIfNull(targetAttributeName);
        foreach (var attribute in _attributes)
        {
            if (attribute.TargetAttributeName.Equals(targetAttributeName, StringComparison.OrdinalIgnoreCase))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>
    /// Compiles every attribute mapping of <paramref name="mapping"/>. <paramref name="target"/> (the target directory's
    /// object definition) says each target attribute's type; without it, or for an attribute it lacks, the SCIM schemas do
    /// (RFC 7643 §4: <c>active</c> is Boolean, <c>manager</c> and <c>members</c> are references).
    /// </summary>
    public static CompiledObjectMapping Compile(ObjectMapping mapping, ObjectDefinition? target = null, FunctionCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        catalog ??= FunctionCatalog.Entra;
        var definitions = new Dictionary<string, AttributeDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var definition in target?.Attributes ?? [])
        {
            definitions.TryAdd(definition.Name, definition);
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<AttributeMappingCompileError>();
        var attributes = new CompiledAttributeMapping[mapping.AttributeMappings.Count];
        for (var index = 0; index < attributes.Length; index++)
        {
            var attributeMapping = mapping.AttributeMappings[index];
            var name = attributeMapping.TargetAttributeName;
            AttributeMappingCompileError? error = null;

            var parsedPath = AttributePath.Parse(name);
            var path = parsedPath.Path;
            if (!parsedPath.Succeeded)
            {
                error = TargetError(name, parsedPath.Error.Message, parsedPath.Error.Position);
            }
            else if (!IsWritablePath(parsedPath.Path))
            {
                // reference entra-expressions-and-scim B.6.4: value filters Entra writes are `attribute eq "value"`.
                error = TargetError(name, $"The target attribute '{name}' has a value filter other than 'attribute eq \"value\"', which cannot be written.",
                    name.IndexOf('[', StringComparison.Ordinal) + 1);
            }
            else if (!seen.Add(name))
            {
                error = new AttributeMappingCompileError(name, new ExpressionError(AttributeMappingErrorCodes.DuplicateTargetAttribute,
                    $"The target attribute '{name}' is mapped more than once.", TextPosition.Start));
            }

            CompiledExpression? expression = null;
            ExpressionValue? constant = null;
            if (attributeMapping.Source is { } source)
            {
                var compiled = CompileSource(source, catalog);
                if (compiled.Succeeded)
                {
                    expression = compiled.Expression;
                    if (expression.Syntax is StringLiteral or NumberLiteral)
                    {
                        constant = expression.Evaluate(AttributeBag.Empty).Value;
                    }
                }
                else
                {
                    error ??= new AttributeMappingCompileError(name, compiled.Error);
                }
            }

            definitions.TryGetValue(name, out var targetDefinition);
            var (type, multivalued) = targetDefinition is not null
                ? (targetDefinition.Type, targetDefinition.Multivalued)
                : path is null ? (AttributeType.String, false) : ScimTypeOf(path);
            if (error is not null)
            {
                errors.Add(error);
            }

            attributes[index] = new CompiledAttributeMapping(index, attributeMapping, path, error is null ? expression : null,
                error is null ? constant : null, type, multivalued, targetDefinition?.Required ?? false, error);
        }

        return new CompiledObjectMapping(mapping, attributes, errors);
    }

    /// <summary>
    /// Evaluates every attribute mapping for one source object. On create (<paramref name="isCreate"/>) a null value
    /// takes the mapping's default value and "only during object creation" mappings flow; on update neither (reference
    /// entra-engine-and-api §1.7, §5.1).
    /// </summary>
    public MappedObject Evaluate(IExpressionAttributes source, ExpressionEnvironment? environment, bool isCreate)
    {
        ArgumentNullException.ThrowIfNull(source);
        environment ??= ExpressionEnvironment.Default;
        var values = new TargetValue[_attributes.Length];
        var matching = _matchingTemplate.Length == 0 ? [] : (MatchingValue[])_matchingTemplate.Clone();
        List<ReferenceValue>? references = null;
        List<AttributeMappingError>? errors = null;

        for (var index = 0; index < _attributes.Length; index++)
        {
            var attribute = _attributes[index];
            if (attribute.CompileError is { } compileError)
            {
                (errors ??= []).Add(new AttributeMappingError(attribute.TargetAttributeName, AttributeMappingErrorCodes.SchemaInvalid,
                    $"The mapping to '{attribute.TargetAttributeName}' is invalid: {compileError.Error.Message}", compileError.Error));
                continue;
            }

            // reference entra-engine-and-api §5.1: ObjectAddOnly ("only during object creation") does not flow on update;
            // a matching attribute is still evaluated, as matching needs its value.
            var skipOnUpdate = !isCreate && attribute.IsObjectAddOnly;
            if (skipOnUpdate && !attribute.IsMatching)
            {
                continue;
            }

            var value = ExpressionValue.Null;
            if (attribute.Constant is { } constant)
            {
                value = constant;
            }
            else if (attribute.Expression is { } expression)
            {
                var result = expression.Evaluate(source, environment);
                if (!result.Succeeded)
                {
                    (errors ??= []).Add(new AttributeMappingError(attribute.TargetAttributeName, AttributeMappingErrorCodes.ExpressionEvaluationFailed,
                        $"The expression of the mapping to '{attribute.TargetAttributeName}' failed: {result.Error.Message}", result.Error));
                    continue;
                }

                value = result.Value;
            }

            // reference entra-expressions-and-scim A.3 (flow keywords): IgnoreObjectFlow skips the whole object.
            if (value.Kind == ExpressionValueKind.IgnoreObjectFlow)
            {
                return MappedObject.Ignored(this, isCreate, attribute.TargetAttributeName, errors);
            }

            // IgnoreAttributeFlow and IgnoreFlowIfNullOrEmpty drop this attribute from the flow.
            if (value.Kind == ExpressionValueKind.IgnoreAttributeFlow)
            {
                continue;
            }

            if (_matchingSlot[index] is var slot and >= 0)
            {
                matching[slot] = new MatchingValue(attribute, value.AsString());
            }

            if (skipOnUpdate)
            {
                continue;
            }

            if (attribute.IsReference)
            {
                // reference entra-engine-and-api §1.9: references hold source ids, resolved to target ids when exported.
                (references ??= []).Add(new ReferenceValue(attribute, value.IsNull ? [] : value.AsList()));
                continue;
            }

            // reference entra-engine-and-api §1.7 and §5.1: "Default value if null" applies only on create.
            if (value.IsNull && isCreate && attribute.Mapping.DefaultValue is { } defaultValue)
            {
                value = ExpressionValue.From(defaultValue);
            }

            if (!TryConvert(attribute, value, out var target, out var conversionError))
            {
                (errors ??= []).Add(conversionError);
                continue;
            }

            // reference entra-engine-and-api §5.2: a required attribute without a value (and no default) fails the object.
            if (target.IsNull && isCreate && attribute.Required)
            {
                (errors ??= []).Add(new AttributeMappingError(attribute.TargetAttributeName, AttributeMappingErrorCodes.MandatoryFieldsMissing,
                    $"The required attribute '{attribute.TargetAttributeName}' has no value and no default value."));
                continue;
            }

            values[index] = target;
        }

        return new MappedObject(this, isCreate, values, matching, references, errors);
    }

    private static CompileResult CompileSource(AttributeMappingSource source, FunctionCatalog catalog)
    {
        // An expression's text is what the portal shows and what its positions refer to; the parsed form is Graph's
        // equivalent (reference §5.1), used when there is no text.
        if (source.Type == AttributeMappingSourceType.Function && !string.IsNullOrWhiteSpace(source.Expression))
        {
            return ExpressionCompiler.Compile(source.Expression, catalog);
        }

        var tree = AttributeMappingSourceConverter.FromGraph(source, catalog);
        return tree.Succeeded ? ExpressionCompiler.Compile(tree.Tree, catalog) : new CompileResult(null, tree.Error);
    }

    private static bool TryConvert(CompiledAttributeMapping attribute, in ExpressionValue value, out TargetValue target,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out AttributeMappingError? error)
    {
        error = null;
        target = TargetValue.Null;
        if (value.IsNull)
        {
            return true;
        }

        if (attribute.Type == AttributeType.Boolean)
        {
            // reference entra-expressions-and-scim A.2: booleans travel as "True"/"False"; B.3.1: POST sends JSON booleans.
            if (value.Kind == ExpressionValueKind.Boolean)
            {
                target = TargetValue.From(value.AsBoolean());
                return true;
            }

            if (value.AsString() is { } text && bool.TryParse(text.AsSpan().Trim(), out var boolean))
            {
                target = TargetValue.From(boolean);
                return true;
            }

            error = new AttributeMappingError(attribute.TargetAttributeName, AttributeMappingErrorCodes.AttributeValueTypeMismatch,
                $"The Boolean attribute '{attribute.TargetAttributeName}' got {value}, which is neither \"True\" nor \"False\".");
            return false;
        }

        // reference entra-expressions-and-scim B.6.7: the complex role functions to a complex attribute (roles) send role objects.
        if (value.Kind == ExpressionValueKind.AppRoleAssignments && attribute.TargetPath is { ValueFilter: null, SubAttribute: null })
        {
            target = TargetValue.From(value.AsAppRoleAssignments(), attribute.IsAssertiveRoles);
            return true;
        }

        if (value.Kind is ExpressionValueKind.MultiValued or ExpressionValueKind.AppRoleAssignments)
        {
            var list = value.AsList();
            if (attribute.Multivalued || list.Count == 0)
            {
                target = TargetValue.From(list);
                return true;
            }

            if (list.Count == 1)
            {
                target = TargetValue.From(list[0]);
                return true;
            }

            // reference entra-engine-and-api §7.4: SchemaPropertyCanOnlyAcceptValue, multi-valued source to a single-valued target.
            error = new AttributeMappingError(attribute.TargetAttributeName, AttributeMappingErrorCodes.SchemaPropertyCanOnlyAcceptValue,
                $"The single-valued attribute '{attribute.TargetAttributeName}' got {list.Count} values.");
            return false;
        }

        var single = value.AsString();
        target = attribute.Multivalued && single is not null ? TargetValue.From([single]) : TargetValue.From(single);
        return true;
    }

    private static bool IsWritablePath(AttributePath path) => path.ValueFilter is null
        || path.ValueFilter is AttributeFilter { Operator: Scim.Filters.ComparisonOperator.Equal, Path: { ValueFilter: null, SubAttribute: null } };

    /// <summary>The type RFC 7643 gives an attribute the target's definition does not describe.</summary>
    private static (AttributeType Type, bool Multivalued) ScimTypeOf(AttributePath path)
    {
        var attribute = path.SubAttribute ?? path.Name;
        // RFC 7643 §2.4 and §4.1.2: the "primary" sub-attribute of multi-valued attributes is Boolean.
        if (path.SubAttribute is not null)
        {
            return (attribute.Equals("primary", StringComparison.OrdinalIgnoreCase) ? AttributeType.Boolean : AttributeType.String, false);
        }

        var enterprise = path.Schema is { } schema && schema.Equals(ScimSchemas.EnterpriseUser, StringComparison.OrdinalIgnoreCase);
        return path.ValueFilter is not null ? (AttributeType.String, false)
            // RFC 7643 §4.1.1: active is Boolean.
            : path.IsCore && attribute.Equals("active", StringComparison.OrdinalIgnoreCase) ? (AttributeType.Boolean, false)
            // RFC 7643 §4.3: the enterprise manager is a reference (also written bare as "manager", reference B.4 M1).
            : (path.IsCore || enterprise) && attribute.Equals("manager", StringComparison.OrdinalIgnoreCase) ? (AttributeType.Reference, false)
            // RFC 7643 §4.2: a group's members are references.
            : path.IsCore && attribute.Equals("members", StringComparison.OrdinalIgnoreCase) ? (AttributeType.Reference, true)
            : (AttributeType.String, false);
    }

    private static AttributeMappingCompileError TargetError(string name, string message, int offset) =>
        new(name, new ExpressionError(AttributeMappingErrorCodes.InvalidTargetAttribute,
            $"Invalid target attribute '{name}': {message}", TextPosition.At(name, offset)));
}
