namespace Provisio.Synchronization.Logs;

/// <summary>Graph's <c>initiator</c>; cycles are <see cref="System"/>, as Entra's <c>"Azure AD Provisioning Service"</c> (§7.1).</summary>
public sealed record Initiator
{
    public static Initiator System { get; } = new() { Id = "", DisplayName = "Provisio Provisioning Service", InitiatorType = InitiatorType.System };

    public string? Id { get; init; }

    public string? DisplayName { get; init; }

    public InitiatorType InitiatorType { get; init; }
}
