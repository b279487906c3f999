using System.Text;

namespace Provisio.Scim.Filters;

/// <summary>
/// An attribute path of RFC 7644 §3.10 and §3.5.2: an optional schema URN, an attribute, an optional value filter
/// and an optional sub-attribute, as in <c>userName</c>, <c>name.givenName</c>, <c>emails[type eq "work"].value</c>,
/// <c>members[value eq "7f4b..."]</c> or <c>urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager</c>.
/// Names compare case-insensitively (RFC 7643 §2.1).
/// </summary>
public sealed record AttributePath(string? Schema, string Name, FilterExpression? ValueFilter = null, string? SubAttribute = null)
{
    /// <summary>The schema is absent or a core schema, so the attribute sits at the top of the resource.</summary>
    public bool IsCore => Schema is null
        || Schema.Equals(ScimSchemas.User, StringComparison.OrdinalIgnoreCase)
        || Schema.Equals(ScimSchemas.Group, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a PATCH path (RFC 7644 §3.5.2); errors have scimType <c>invalidPath</c>.</summary>
    public static PathParseResult Parse(string text) => ScimFilterParser.ParsePath(text);

    /// <summary>Same attribute and sub-attribute (ignoring any value filter), compared case-insensitively.</summary>
    public bool SameAttribute(AttributePath other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase)
            && string.Equals(SubAttribute, other.SubAttribute, StringComparison.OrdinalIgnoreCase)
            && (IsCore && other.IsCore || string.Equals(Schema, other.Schema, StringComparison.OrdinalIgnoreCase));
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        if (Schema is not null)
        {
            builder.Append(Schema).Append(':');
        }

        builder.Append(Name);
        if (ValueFilter is not null)
        {
            builder.Append('[').Append(ValueFilter).Append(']');
        }

        if (SubAttribute is not null)
        {
            builder.Append('.').Append(SubAttribute);
        }

        return builder.ToString();
    }
}

/// <summary>Either a path or why it does not parse.</summary>
public readonly record struct PathParseResult(AttributePath? Path, ScimParseError? Error)
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Path))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Path is not null;
}
