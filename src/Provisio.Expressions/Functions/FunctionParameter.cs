namespace Provisio.Expressions.Functions;

/// <summary>
/// One parameter, in Graph's shape (<c>{allowMultipleOccurrences, name, required, type}</c>, reference A.1.1).
/// <see cref="Name"/> is also the key of the parameter in a parsed <c>attributeMappingSource</c>.
/// </summary>
public sealed record FunctionParameter(string Name, FunctionParameterType Type = FunctionParameterType.String,
    bool Required = true, bool AllowMultipleOccurrences = false)
{
    public static FunctionParameter Optional(string name, FunctionParameterType type = FunctionParameterType.String) =>
        new(name, type, Required: false);

    public static FunctionParameter Repeating(string name, FunctionParameterType type = FunctionParameterType.String) =>
        new(name, type, Required: true, AllowMultipleOccurrences: true);
}
