using Provisio.Expressions.Functions;
using Provisio.Expressions.Syntax;

namespace Provisio.Expressions.Graph;

/// <summary>
/// Converts a parsed tree to Graph's <see cref="AttributeMappingSource"/> and back. As Graph does, omitted arguments
/// are left out of <c>parameters</c> and each parameter is keyed by its name (Replace's are <c>source</c>,
/// <c>Find</c>, <c>Replacement</c>, ...); converting back puts each parameter in its place by that key and fills the
/// gaps with omitted arguments (reference A.1.1). A comparison, which Graph has no type for, is a Function named by
/// its operator with parameters <c>left</c> and <c>right</c>.
/// </summary>
public static class AttributeMappingSourceConverter
{
    public static AttributeMappingSource ToGraph(ExpressionNode node, FunctionCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        catalog ??= FunctionCatalog.Entra;
        var expression = ExpressionPrinter.Print(node);
        switch (node)
        {
            case AttributeReference attribute:
                return new AttributeMappingSource { Expression = expression, Name = attribute.Name, Type = AttributeMappingSourceType.Attribute };
            case StringLiteral literal:
                return new AttributeMappingSource { Expression = expression, Name = literal.Value, Type = AttributeMappingSourceType.Constant };
            case NumberLiteral or Keyword or OmittedArgument:
                return new AttributeMappingSource { Expression = expression, Name = expression, Type = AttributeMappingSourceType.Constant };
            case Comparison comparison:
                return new AttributeMappingSource
                {
                    Expression = expression,
                    Name = Comparison.Symbol(comparison.Operator),
                    Type = AttributeMappingSourceType.Function,
                    Parameters =
                    [
                        new("left", ToGraph(comparison.Left, catalog)),
                        new("right", ToGraph(comparison.Right, catalog)),
                    ],
                };
            case FunctionCall call:
                var known = catalog.TryGet(call.Name, out var function);
                var parameters = new List<StringKeyAttributeMappingSourceValuePair>();
                for (var i = 0; i < call.Arguments.Count; i++)
                {
                    if (call.Arguments[i] is not OmittedArgument)
                    {
                        var key = known ? function.ParameterAt(i).Name : $"argument{i + 1}";
                        parameters.Add(new(key, ToGraph(call.Arguments[i], catalog)));
                    }
                }

                return new AttributeMappingSource
                {
                    Expression = expression,
                    Name = call.Name,
                    Type = AttributeMappingSourceType.Function,
                    Parameters = parameters,
                };
            default:
                throw new ArgumentException($"Unknown node type {node.GetType().Name}.", nameof(node));
        }
    }

    /// <summary>Rebuilds the tree; an unknown function or parameter key is an error value, not an exception.</summary>
    public static ParseResult FromGraph(AttributeMappingSource source, FunctionCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        catalog ??= FunctionCatalog.Entra;
        try
        {
            return new ParseResult(Convert(source, catalog), null);
        }
        catch (ConversionException exception)
        {
            return new ParseResult(null, exception.Error);
        }
    }

    private static ExpressionNode Convert(AttributeMappingSource source, FunctionCatalog catalog)
    {
        switch (source.Type)
        {
            case AttributeMappingSourceType.Attribute:
                var name = source.Name ?? (source.Expression is { } text ? text.Trim().TrimStart('[').TrimEnd(']') : null);
                return string.IsNullOrWhiteSpace(name)
                    ? throw Invalid("an Attribute source needs a name")
                    : new AttributeReference(name);
            case AttributeMappingSourceType.Constant:
                if (source.Expression is { Length: > 0 } constant && ExpressionParser.Parse(constant) is { Succeeded: true, Tree: StringLiteral or NumberLiteral or Keyword } parsed)
                {
                    return parsed.Tree;
                }

                return new StringLiteral(source.Name ?? string.Empty);
            default:
                return ConvertFunction(source, catalog);
        }
    }

    private static ExpressionNode ConvertFunction(AttributeMappingSource source, FunctionCatalog catalog)
    {
        var name = source.Name;
        if (string.IsNullOrWhiteSpace(name))
        {
            if (source.Expression is { Length: > 0 } text && ExpressionParser.Parse(text) is { Succeeded: true } parsed)
            {
                return parsed.Tree;
            }

            throw Invalid("a Function source needs a name");
        }

        if (ComparisonOperatorOf(name) is { } @operator)
        {
            var left = source.Parameters.FirstOrDefault(p => p.Key.Equals("left", StringComparison.OrdinalIgnoreCase));
            var right = source.Parameters.FirstOrDefault(p => p.Key.Equals("right", StringComparison.OrdinalIgnoreCase));
            return left is null || right is null
                ? throw Invalid($"the comparison '{name}' needs parameters 'left' and 'right'")
                : new Comparison(Convert(left.Value, catalog), @operator, Convert(right.Value, catalog));
        }

        if (!catalog.TryGet(name, out var function))
        {
            throw new ConversionException(new ExpressionError(ExpressionErrorCodes.UnknownFunction,
                $"Unknown function '{name}' in attributeMappingSource.", TextPosition.Start, "a function name"));
        }

        if (source.Parameters.Count == 0 && source.Expression is { Length: > 0 } expression
            && ExpressionParser.Parse(expression) is { Succeeded: true, Tree: FunctionCall whole } && whole.Arguments.Count > 0)
        {
            return whole;
        }

        var arguments = new List<ExpressionNode>();
        foreach (var parameter in source.Parameters)
        {
            var index = arguments.Count;
            while (!function.ParameterAt(index).Name.Equals(parameter.Key, StringComparison.OrdinalIgnoreCase))
            {
                index++;
                if (index > Math.Max(arguments.Count, function.Parameters.Count) + 1)
                {
                    throw new ConversionException(new ExpressionError(ExpressionErrorCodes.InvalidArgument,
                        $"{function.Name} has no parameter '{parameter.Key}' at or after position {arguments.Count + 1}: {function.Signature}.",
                        TextPosition.Start, string.Join(", ", function.Parameters.Select(p => p.Name))));
                }
            }

            while (arguments.Count < index)
            {
                arguments.Add(new OmittedArgument());
            }

            arguments.Add(Convert(parameter.Value, catalog));
        }

        return new FunctionCall(name, arguments);
    }

    private static ComparisonOperator? ComparisonOperatorOf(string name) => name switch
    {
        "=" => ComparisonOperator.Equal,
        "<>" => ComparisonOperator.NotEqual,
        "<" => ComparisonOperator.Less,
        "<=" => ComparisonOperator.LessOrEqual,
        ">" => ComparisonOperator.Greater,
        ">=" => ComparisonOperator.GreaterOrEqual,
        _ => null,
    };

    private static ConversionException Invalid(string message) => new(new ExpressionError(
        ExpressionErrorCodes.InvalidArgument, $"Invalid attributeMappingSource: {message}.", TextPosition.Start));

    private sealed class ConversionException(ExpressionError error) : Exception(error.Message)
    {
        public ExpressionError Error { get; } = error;
    }
}
