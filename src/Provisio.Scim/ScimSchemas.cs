namespace Provisio.Scim;

/// <summary>The schema URNs of RFC 7643 §8.7 and RFC 7644 §3 that Entra sends and expects.</summary>
public static class ScimSchemas
{
    public const string User = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string Group = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string EnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string ListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string Error = "urn:ietf:params:scim:api:messages:2.0:Error";
    public const string ServiceProviderConfig = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public const string ResourceType = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public const string Schema = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    /// <summary>The prefix every SCIM schema URN starts with.</summary>
    public const string UrnPrefix = "urn:";

    /// <summary><c>application/scim+json</c>, the media type of every SCIM body (RFC 7644 §3.1).</summary>
    public const string MediaType = "application/scim+json";
}
