using Microsoft.AspNetCore.Http;
using Provisio.Scim.Server.Faults;

namespace Provisio.Scim.Server.Http;

/// <summary>The fault profiles one request runs under: set by <see cref="Pipeline.FaultInjectionFilter"/>, none elsewhere (<c>/_faults</c>).</summary>
internal static class FaultInjection
{
    private static readonly object Key = new();

    public static ActiveFaults Of(HttpContext httpContext) =>
        httpContext.Items.TryGetValue(Key, out var faults) && faults is ActiveFaults active ? active : ActiveFaults.None;

    public static void Set(HttpContext httpContext, ActiveFaults faults) => httpContext.Items[Key] = faults;
}
