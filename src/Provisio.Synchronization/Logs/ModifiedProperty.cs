namespace Provisio.Synchronization.Logs;

/// <summary>
/// Graph's <c>modifiedProperty</c> of a provisioning log entry: a target attribute with the value the target had from
/// us (null if none) and the value exported (reference entra-engine-and-api §7.1).
/// </summary>
public sealed record ModifiedProperty(string DisplayName, string? OldValue, string? NewValue)
{
    /// <summary>What logs show for a value whose expression uses Redact.</summary>
    public const string Redacted = "[Redact]";
}
