namespace Provisio.Scim.Client;

/// <summary>Which kind of request failed; the same status means different things for each (404 on a query vs on a read).</summary>
public enum ScimOperation
{
    TestConnection,
    Query,
    Get,
    Create,
    Update,
    Delete,
    Discovery,
}
