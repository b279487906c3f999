namespace Provisio.Scim.Client;

/// <summary>
/// How Entra phrases PATCH requests (reference B.7): <see cref="Default"/> (<c>Add</c>/<c>Replace</c>/<c>Remove</c>,
/// booleans as <c>"True"</c>/<c>"False"</c>, member removal by value list) or the RFC-compliant form a tenant URL flag
/// <c>?aadOptscim062020</c> selects (lower-case ops, JSON booleans, several replaces in one path-less operation, member
/// removal by <c>members[value eq "..."]</c>).
/// </summary>
public enum ScimDialect
{
    Default,
    AadOptScim062020,
}

public static class ScimDialects
{
    public const string FlagName = "aadOptscim062020";

    /// <summary>The dialect a tenant URL selects, and the URL without the flag (Entra's flags never reach the target).</summary>
    public static (Uri BaseAddress, ScimDialect Dialect) FromTenantUrl(Uri tenantUrl, ScimDialect? overrideDialect = null)
    {
        ArgumentNullException.ThrowIfNull(tenantUrl);
        var query = tenantUrl.Query.TrimStart('?');
        var parts = query.Length == 0 ? [] : query.Split('&');
        var flagged = parts.Any(part => part.Split('=')[0].Equals(FlagName, StringComparison.OrdinalIgnoreCase)
            && !part.EndsWith("=false", StringComparison.OrdinalIgnoreCase));
        var rest = parts.Where(part => !part.Split('=')[0].Equals(FlagName, StringComparison.OrdinalIgnoreCase)
            && !part.Split('=')[0].Equals("AzureAdScimPatch2017", StringComparison.OrdinalIgnoreCase)).ToArray();
        var builder = new UriBuilder(tenantUrl) { Query = string.Join('&', rest) };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        return (builder.Uri, overrideDialect ?? (flagged ? ScimDialect.AadOptScim062020 : ScimDialect.Default));
    }
}
