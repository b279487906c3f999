using Provisio.Scim.Client;

namespace Provisio.Scim.Validation;

/// <summary>
/// One check's outcome: what it verified, what happened, and what it means for provisioning from Entra or Provisio,
/// with the requests it sent and what came back.
/// </summary>
public sealed record ValidationCheck(string Id, string Title, ValidationStatus Status, string Message, string Consequence,
    IReadOnlyList<ScimExchange> Exchanges);
