using System.Text.Json;
using Provisio.Directory.Model;

namespace Provisio.Synchronization.Source;

/// <summary>
/// Entra's computed <c>IsSoftDeleted</c>: true when the object is "unassigned; failing scoping filter; soft-deleted in
/// Entra; accountEnabled=false" (reference entra-engine-and-api §1.7). The default SCIM mapping turns it into
/// <c>active</c>, so each of these disables the user in the target.
/// </summary>
public static class EntraSoftDeleted
{
    public static bool Evaluate(DirectoryObject source, EntraSourceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(facts);
        return source.IsSoftDeleted
            || !facts.IsAssigned
            || !facts.IsInScope
            || (source.Kind == DirectoryObjectKind.User
                && source.Properties.TryGetPropertyValue("accountEnabled", out var enabled)
                && enabled?.GetValueKind() == JsonValueKind.False);
    }
}
