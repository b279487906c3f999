using Provisio.Expressions.Compilation;
using Provisio.Expressions.Evaluation;
using Provisio.Scim.Filters;
using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Mapping;

/// <summary>
/// One attribute mapping, compiled once: its source expression (or constant), its target attribute as a parsed SCIM
/// path, and what the target attribute is (type, multi-valued, required, reference), from the target's
/// <see cref="AttributeDefinition"/> when there is one, else from the SCIM core and enterprise schemas.
/// </summary>
public sealed class CompiledAttributeMapping
{
    internal CompiledAttributeMapping(int index, AttributeMapping mapping, AttributePath? targetPath,
        CompiledExpression? expression, ExpressionValue? constant, AttributeType type, bool multivalued, bool required,
        AttributeMappingCompileError? compileError)
    {
        Index = index;
        Mapping = mapping;
        TargetPath = targetPath;
        Expression = expression;
        Constant = constant;
        Type = type;
        Multivalued = multivalued;
        Required = required;
        CompileError = compileError;
    }

    /// <summary>The position in the object mapping's list; values of a <see cref="MappedObject"/> are indexed by it.</summary>
    public int Index { get; }

    public AttributeMapping Mapping { get; }

    public string TargetAttributeName => Mapping.TargetAttributeName;

    /// <summary>The target attribute as a SCIM path; null when it does not parse (see <see cref="CompileError"/>).</summary>
    public AttributePath? TargetPath { get; }

    /// <summary>The compiled source; null for a mapping without a source or one that did not compile.</summary>
    public CompiledExpression? Expression { get; }

    /// <summary>The value of a constant source, computed once at compile time and used instead of evaluating.</summary>
    public ExpressionValue? Constant { get; }

    public AttributeType Type { get; }

    public bool Multivalued { get; }

    /// <summary>A required target attribute: without a value on create (after the default), the object fails (reference §5.2).</summary>
    public bool Required { get; }

    public AttributeMappingCompileError? CompileError { get; }

    public bool Succeeded => CompileError is null;

    /// <summary>Manager, members: exported as target ids after the referenced objects exist (reference entra-engine-and-api §1.9).</summary>
    public bool IsReference => Type == AttributeType.Reference;

    public bool IsMatching => Mapping.MatchingPriority > 0;

    public int MatchingPriority => Mapping.MatchingPriority;

    /// <summary>"Apply this mapping: Only during object creation" (reference §5.1).</summary>
    public bool IsObjectAddOnly => Mapping.FlowType == AttributeFlowType.ObjectAddOnly;

    /// <summary>Graph's <c>FlowAlways</c>: exported on every update, changed or not (reference §5.1).</summary>
    public bool FlowsAlways => Mapping.FlowBehavior == AttributeFlowBehavior.FlowAlways;

    /// <summary>
    /// The mapping is <c>AssertiveAppRoleAssignmentsComplex(...)</c>: its roles replace the target's, so roles no longer
    /// assigned are removed there (reference entra-expressions-and-scim A.3, B.6.7).
    /// </summary>
    public bool IsAssertiveRoles => Expression?.Syntax is Provisio.Expressions.Syntax.FunctionCall call
        && call.Name.Equals("AssertiveAppRoleAssignmentsComplex", StringComparison.OrdinalIgnoreCase);

    /// <summary>The expression uses Redact: logs show <c>[Redact]</c> instead of its value.</summary>
    public bool IsRedacted => Expression?.IsRedacted ?? false;

    public override string ToString() => Expression is null
        ? $"{TargetAttributeName} <- {Constant?.ToString() ?? "(none)"}"
        : $"{TargetAttributeName} <- {Expression.Text}";
}
