using System.Globalization;

namespace Provisio.Portal;

/// <summary>The portal's addresses, in one place so links and pages agree.</summary>
public static class PortalRoutes
{
    public static string Overview(Guid application) => $"applications/{application:D}";

    public static string Logs(Guid application) => $"applications/{application:D}/logs";

    /// <summary>The logs' download (<c>?format=csv|json</c> and the filters), an endpoint beside the pages.</summary>
    public static string LogsExport(Guid application) => $"applications/{application:D}/logs/export";

    public static string OnDemand(Guid application) => $"applications/{application:D}/on-demand";

    public static string Mappings(Guid application) => $"applications/{application:D}/mappings";

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
