using Provisio.Expressions;

namespace Provisio.Synchronization.Mapping;

/// <summary>
/// Why one attribute mapping did not compile, named by its target attribute. <see cref="Error"/> has the expression's
/// code and position (in the source expression's text; in the target attribute name for
/// <see cref="AttributeMappingErrorCodes.InvalidTargetAttribute"/>).
/// </summary>
public sealed record AttributeMappingCompileError(string TargetAttributeName, ExpressionError Error)
{
    public override string ToString() => $"{TargetAttributeName}: {Error}";
}
