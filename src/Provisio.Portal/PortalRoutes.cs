using System.Globalization;

namespace Provisio.Portal;

/// <summary>The portal's addresses, in one place so links and pages agree.</summary>
public static class PortalRoutes
{
    public static string Overview(Guid application) => $"applications/{application:D}";

    public static string Logs(Guid application) => $"applications/{application:D}/logs";

    /// <summary>The logs page showing a troubleshooting view (<see cref="Synchronization.Health.ProvisioningLogPresets"/>).</summary>
    public static string Logs(Guid application, string preset) => $"{Logs(application)}?preset={Uri.EscapeDataString(preset)}";

    /// <summary>The logs' download (<c>?format=csv|json</c> and the filters), an endpoint beside the pages.</summary>
    public static string LogsExport(Guid application) => $"applications/{application:D}/logs/export";

    public static string OnDemand(Guid application) => $"applications/{application:D}/on-demand";

    public static string Mappings(Guid application) => $"applications/{application:D}/mappings";

    /// <summary>One object mapping's attribute mappings and scoping filter (its name escaped as one path segment).</summary>
    public static string ObjectMapping(Guid application, string objectMapping) =>
        $"applications/{application:D}/mappings/{Uri.EscapeDataString(objectMapping)}";

    /// <summary>The editor of one attribute mapping, by its target attribute (escaped as one path segment).</summary>
    public static string AttributeMapping(Guid application, string objectMapping, string targetAttribute) =>
        $"{ObjectMapping(application, objectMapping)}/{Uri.EscapeDataString(targetAttribute)}";

    /// <summary>The editor of a new attribute mapping of an object mapping.</summary>
    public static string NewAttributeMapping(Guid application, string objectMapping) => $"{ObjectMapping(application, objectMapping)}/new";

    public static string Settings(Guid application) => $"applications/{application:D}/settings";

    public static string Diagnosis(Guid application) => $"applications/{application:D}/diagnosis";

    public static string Audit(Guid? application) => application is { } id ? $"audit?application={id:D}" : "audit";

    /// <summary>The application a base-relative path is about (<c>applications/{id}/...</c>), or null.</summary>
    public static Guid? ApplicationIn(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var segments = relativePath.Split('?', '#')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && segments[0] == "applications" && Guid.TryParse(segments[1], CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
