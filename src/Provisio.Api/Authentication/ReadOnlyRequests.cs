using Microsoft.AspNetCore.Http;

namespace Provisio.Api.Authentication;

/// <summary>
/// Which requests only read, so that a <see cref="ProvisioRoles.Reader"/> may make them: GET and HEAD everywhere, and
/// the POSTs whose path (after <c>/v1.0</c> or <c>/beta</c>) matches <see cref="Posts"/>, an allow-list where <c>*</c>
/// stands for one segment. Extend the list when a read-only action is added; everything else needs an administrator.
/// </summary>
public static class ReadOnlyRequests
{
    /// <summary>POST actions that change nothing (Graph's <c>parseExpression</c> evaluates an expression and answers).</summary>
    public static IReadOnlyList<string> Posts { get; } =
    [
        "servicePrincipals/*/synchronization/jobs/*/schema/parseExpression",
        "servicePrincipals/*/synchronization/templates/*/schema/parseExpression",
        "applications/*/synchronization/templates/*/schema/parseExpression",
    ];

    private static readonly string[][] PostSegments = [.. Posts.Select(pattern => pattern.Split('/'))];

    private static readonly string[] Versions = ["v1.0", "beta"];

    public static bool IsReadOnly(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return IsReadOnly(request.Method, request.Path);
    }

    public static bool IsReadOnly(string method, PathString path)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            return true;
        }

        return HttpMethods.IsPost(method) && IsReadOnlyPost(path);
    }

    private static bool IsReadOnlyPost(PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || !Versions.Contains(segments[0], StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = segments.AsSpan(1);
        foreach (var pattern in PostSegments)
        {
            if (Matches(pattern, rest))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(string[] pattern, ReadOnlySpan<string> segments)
    {
        if (pattern.Length != segments.Length)
        {
            return false;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != "*" && !string.Equals(pattern[i], segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
