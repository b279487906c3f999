namespace Provisio.Expressions.Evaluation;

/// <summary>
/// One role assigned to the user for the application: the app role's id, its <c>value</c> (what the target receives)
/// and its display name (reference: entra-expressions-and-scim B.6.7).
/// </summary>
public sealed record AppRoleAssignment(string? Id, string Value, string? DisplayName);
