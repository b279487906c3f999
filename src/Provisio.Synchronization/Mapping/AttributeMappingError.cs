using Provisio.Expressions;

namespace Provisio.Synchronization.Mapping;

/// <summary>
/// Why one attribute mapping gave no value for one object: the code the provisioning log shows
/// (<see cref="AttributeMappingErrorCodes"/>), a sentence naming the attribute, and the expression's error with its
/// position when an expression failed.
/// </summary>
public sealed record AttributeMappingError(string TargetAttributeName, string Code, string Message, ExpressionError? ExpressionError = null)
{
    public override string ToString() => $"{Code}: {Message}";
}
