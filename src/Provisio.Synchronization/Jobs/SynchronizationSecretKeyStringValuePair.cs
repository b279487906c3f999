namespace Provisio.Synchronization.Jobs;

/// <summary>
/// Graph's <c>synchronizationSecretKeyStringValuePair</c>: one secret, <c>{"key":"SecretToken","value":"..."}</c>.
/// <see cref="ToString"/> never shows the value, so a secret in a log line or an exception message stays a mask
/// (STYLE.md §4: no secrets at any level).
/// </summary>
public sealed record SynchronizationSecretKeyStringValuePair(SynchronizationSecret Key, string? Value)
{
    /// <summary>What a secret's value shows as.</summary>
    public const string Mask = "********";

    public override string ToString() => $"{Key} = {Mask}";
}
