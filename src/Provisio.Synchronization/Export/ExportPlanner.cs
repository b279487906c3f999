using System.Text.Json.Nodes;
using Provisio.Synchronization.Logs;
using Provisio.Scim.Client;
using Provisio.Scim.Patch;
using Provisio.Synchronization.Mapping;

namespace Provisio.Synchronization.Export;

/// <summary>
/// Turns a mapped object into what is sent to the target: a create body, or the changes of an update against the
/// values the target last received, each with the <c>modifiedProperties</c> of its log entry and the values to keep
/// afterwards. One planner per object mapping and resource type; it is immutable and thread-safe.
/// </summary>
public sealed class ExportPlanner
{
    public ExportPlanner(CompiledObjectMapping mapping, ScimResourceType resourceType)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        Mapping = mapping;
        Writer = new ScimResourceWriter(mapping, resourceType);
    }

    public CompiledObjectMapping Mapping { get; }

    public ScimResourceWriter Writer { get; }

    /// <summary>The create of an object evaluated for a create. Attributes whose mapping failed are absent; the caller fails such an object.</summary>
    public CreateExport PlanCreate(MappedObject mapped)
    {
        Check(mapped, create: true);
        var state = ExportedValues.Of(mapped);
        var modified = new ModifiedProperty[state.Count];
        var next = 0;
        var values = mapped.Values;
        for (var index = 0; index < values.Length; index++)
        {
            if (!values[index].IsNull)
            {
                var attribute = Mapping.Attributes[index];
                // reference entra-engine-and-api §7.1: the old value is blank when there was none.
                modified[next++] = new ModifiedProperty(attribute.TargetAttributeName, null, LogText(attribute, values[index]));
            }
        }

        return new CreateExport(Writer.WriteJson(mapped), modified, state);
    }

    /// <summary>
    /// The update of an object evaluated for an update, against <paramref name="lastExported"/>: a change for each value
    /// that differs (or, with <c>FlowAlways</c>, for each value), in mapping order, Add where the target had no value and
    /// Replace where it had one (reference entra-expressions-and-scim B.6.3, B.3.4, B.3.5). A value that became null is not
    /// sent: Entra never exports nulls and sends no Remove for them (reference entra-engine-and-api §1.7).
    /// </summary>
    public UpdateExport PlanUpdate(ExportedValues lastExported, MappedObject mapped)
    {
        ArgumentNullException.ThrowIfNull(lastExported);
        Check(mapped, create: false);
        List<ScimChange>? changes = null;
        List<ModifiedProperty>? modified = null;
        List<ExportedValue>? exported = null;
        var cursor = 0;
        var values = mapped.Values;
        for (var index = 0; index < values.Length; index++)
        {
            var value = values[index];
            if (value.IsNull)
            {
                continue;
            }

            var attribute = Mapping.Attributes[index];
            var name = attribute.TargetAttributeName;
            var had = lastExported.TryGetValue(name, ref cursor, out var old);
            // reference entra-engine-and-api §5.1: FlowWhenChanged (default) exports a changed value; FlowAlways every time.
            if (had && old == value && !attribute.FlowsAlways)
            {
                continue;
            }

            if (value.Kind == TargetValueKind.Roles)
            {
                if (RoleChange(name, had ? old : TargetValue.Null, value) is not var (change, held))
                {
                    continue;
                }

                (changes ??= []).Add(change);
                (modified ??= []).Add(new ModifiedProperty(name, had ? LogText(attribute, old) : null, LogText(attribute, value)));
                (exported ??= []).Add(new ExportedValue(name, held));
                continue;
            }

            (changes ??= []).Add(new ScimChange(had ? PatchOperationType.Replace : PatchOperationType.Add, name, value.ToJson()));
            (modified ??= []).Add(new ModifiedProperty(name, had ? LogText(attribute, old) : null, LogText(attribute, value)));
            (exported ??= []).Add(new ExportedValue(name, value));
        }

        return exported is null
            ? new UpdateExport([], [], lastExported)
            : new UpdateExport(changes!, modified!, lastExported.With(exported));
    }

    /// <summary>
    /// The PATCH of a roles attribute and what the target holds after it (reference entra-expressions-and-scim B.6.7, CAA).
    /// AssertiveAppRoleAssignmentsComplex replaces the roles with the assigned ones (lower-case <c>replace</c> in both dialects,
    /// role objects with <c>display</c>), so an unassigned role is removed. AppRoleAssignmentsComplex only adds ("PATCH is
    /// add-only"): the roles the target does not hold yet, as role objects with the flag and, without it, each as
    /// <c>{"value": "{"id":…,"value":…,"displayName":…}"}</c> (a JSON string); the target then holds both, and a role
    /// only unassigned sends nothing. Null when nothing is sent.
    /// </summary>
    private static (ScimChange Change, TargetValue Held)? RoleChange(string name, TargetValue old, TargetValue value)
    {
        if (value.IsAssertive)
        {
            return (new ScimChange(PatchOperationType.Replace, name, value.ToJson()) { OpText = "replace" }, value);
        }

        var held = old.Kind == TargetValueKind.Roles ? old.AsRoles() : [];
        var added = value.AsRoles()
            .Where(role => !held.Any(kept => string.Equals(kept.Value, role.Value, StringComparison.Ordinal)
                && string.Equals(kept.DisplayName, role.DisplayName, StringComparison.Ordinal)))
            .ToArray();
        if (added.Length == 0)
        {
            return null;
        }

        var encoded = new JsonArray();
        foreach (var role in added)
        {
            var text = new JsonObject { ["id"] = role.Id, ["value"] = role.Value, ["displayName"] = role.DisplayName };
            encoded.Add(new JsonObject { ["value"] = text.ToJsonString() });
        }

        var change = new ScimChange(PatchOperationType.Add, name, TargetValue.RoleObjects(added, assertive: false)) { DefaultDialectValue = encoded };
        return (change, TargetValue.From([.. held, .. added], assertive: false));
    }

    private void Check(MappedObject mapped, bool create)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        if (!ReferenceEquals(mapped.Mapping, Mapping))
        {
            throw new ArgumentException("The object was mapped by another object mapping than this planner's.", nameof(mapped));
        }

        if (mapped.IsObjectFlowIgnored)
        {
            throw new ArgumentException($"The object is not flowed (IgnoreObjectFlow from '{mapped.ObjectFlowIgnoredBy}'): there is nothing to export.", nameof(mapped));
        }

        if (mapped.IsCreate != create)
        {
            throw new ArgumentException(create
                ? "A create needs the object evaluated for a create (default values, mappings applied only on creation)."
                : "An update needs the object evaluated for an update (no default values, no mappings applied only on creation).", nameof(mapped));
        }
    }

    private static string? LogText(CompiledAttributeMapping attribute, TargetValue value) =>
        attribute.IsRedacted ? ModifiedProperty.Redacted : value.Text();
}
