namespace Provisio.Scim.Patch;

/// <summary>RFC 7644 §3.5.2 operations; read in any casing (Entra sends <c>Add</c>, the flag <c>add</c>, reference B.6.2).</summary>
public enum PatchOperationType
{
    Add,
    Replace,
    Remove,
}
