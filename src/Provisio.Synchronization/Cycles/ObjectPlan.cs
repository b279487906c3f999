using Provisio.Directory.Model;
using Provisio.Scim.Client;
using Provisio.Synchronization.Export;
using Provisio.Synchronization.Mapping;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Scoping;
using Provisio.Synchronization.Source;

namespace Provisio.Synchronization.Cycles;

/// <summary>
/// One enabled object mapping of a job, compiled once per cycle: how a source <c>User</c> or <c>Group</c> is judged
/// (scoping filter), mapped (attribute mappings) and exported (SCIM resource type and the planner). Immutable and shared
/// by the cycle's concurrent exports.
/// </summary>
public sealed class ObjectPlan
{
    private ObjectPlan(ObjectMapping mapping, EntraSourceObject source, ScimResourceType resourceType, CompiledObjectMapping compiled, ScopingFilterEvaluator scope)
    {
        Mapping = mapping;
        Source = source;
        ResourceType = resourceType;
        Compiled = compiled;
        Scope = scope;
        Planner = new ExportPlanner(compiled, resourceType);
        SoftDeleteAttributes = compiled.Attributes
            .Where(attribute => attribute.Expression?.AttributeNames.Contains("IsSoftDeleted", StringComparer.OrdinalIgnoreCase) == true)
            .Select(attribute => attribute.TargetAttributeName)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        ReadAttributes = compiled.Attributes
            .SelectMany(attribute => attribute.Expression?.AttributeNames ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        ReadsAppRoles = ReadAttributes.Contains("appRoleAssignments", StringComparer.OrdinalIgnoreCase);
        SendsRoleDisplayNames = compiled.Attributes.Any(attribute => attribute.Expression?.FunctionNames.Any(name =>
            RoleDisplayNameFunctions.Contains(name, StringComparer.OrdinalIgnoreCase)) == true);
        ManagerAttribute = compiled.Attributes.FirstOrDefault(attribute => attribute.IsReference && !attribute.Multivalued);
        MembersAttribute = compiled.Attributes.FirstOrDefault(attribute => attribute.IsReference && attribute.Multivalued);
    }

    // reference entra-expressions-and-scim B.6.7: these send each role's displayName (or display) beside its value.
    private static readonly string[] RoleDisplayNameFunctions = ["AppRoleAssignmentsComplex", "AssertiveAppRoleAssignmentsComplex", "AppRoleAssignments"];

    public ObjectMapping Mapping { get; }

    public EntraSourceObject Source { get; }

    /// <summary><c>User</c> or <c>Group</c>, as logs and the connector data store name the object type.</summary>
    public string ObjectType => Source.Name;

    public DirectoryObjectKind Kind => Source.Kind;

    public ScimResourceType ResourceType { get; }

    public CompiledObjectMapping Compiled { get; }

    public ScopingFilterEvaluator Scope { get; }

    public ExportPlanner Planner { get; }

    /// <summary>Target attributes whose mapping reads <c>IsSoftDeleted</c>: what a disable sends (none: no disable is sent, §1.7).</summary>
    public IReadOnlySet<string> SoftDeleteAttributes { get; }

    /// <summary>Source attributes the mappings read, shown in the import step's details.</summary>
    public IReadOnlyList<string> ReadAttributes { get; }

    /// <summary>A mapping reads <c>[appRoleAssignments]</c>: each object's roles for the application are read with it.</summary>
    public bool ReadsAppRoles { get; }

    /// <summary>A mapping sends role display names to the target (a complex role function), so they too must be unique.</summary>
    public bool SendsRoleDisplayNames { get; }

    /// <summary>A single-valued reference (<c>manager</c>), exported after the object exists.</summary>
    public CompiledAttributeMapping? ManagerAttribute { get; }

    /// <summary>A multi-valued reference (<c>members</c>), exported as membership PATCHes after the group exists.</summary>
    public CompiledAttributeMapping? MembersAttribute { get; }

    public bool Allows(ObjectFlowTypes flow) => Mapping.FlowTypes.HasFlag(flow);

    /// <summary>The plan of an object mapping, or the reason it cannot run (unknown source object, compile errors, a bad scoping filter).</summary>
    public static (ObjectPlan? Plan, string? Error) Create(ObjectMapping mapping, ObjectDefinition? targetDefinition)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var source = mapping.SourceObjectName.Equals("User", StringComparison.OrdinalIgnoreCase) ? EntraSourceObject.User
            : mapping.SourceObjectName.Equals("Group", StringComparison.OrdinalIgnoreCase) ? EntraSourceObject.Group
            : null;
        if (source is null)
        {
            return (null, $"The object mapping '{mapping.Name}' reads '{mapping.SourceObjectName}', which the source directory does not have (User or Group).");
        }

        var resourceType = ScimResourceWriter.ResourceTypeOf(mapping.TargetObjectName);
        var compiled = CompiledObjectMapping.Compile(mapping, targetDefinition);
        if (!compiled.Succeeded)
        {
            return (null, $"The object mapping '{mapping.Name}' does not compile: {string.Join("; ", compiled.CompileErrors)}");
        }

        var scope = ScopingFilterEvaluator.Compile(mapping.Scope);
        if (scope.Problems.Count > 0)
        {
            return (null, $"The scoping filter of '{mapping.Name}' is not valid: {string.Join("; ", scope.Problems)}");
        }

        return (new ObjectPlan(mapping, source, resourceType, compiled, scope), null);
    }
}
