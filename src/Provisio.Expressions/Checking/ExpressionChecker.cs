using Provisio.Expressions.Functions;
using Provisio.Expressions.Syntax;

namespace Provisio.Expressions.Checking;

/// <summary>
/// The semantic checks between parsing and compiling: known functions (case-insensitive), argument counts, required
/// arguments supplied, known keywords, and each function's own rules (Switch pairs, IIF conditions,
/// SelectUniqueValue at the top, constant regular expressions). Returns the first error, at its position.
/// </summary>
public static class ExpressionChecker
{
    public static ExpressionError? Check(ExpressionNode tree, FunctionCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return Check(tree, catalog ?? FunctionCatalog.Entra, isTopLevel: true);
    }

    private static ExpressionError? Check(ExpressionNode node, FunctionCatalog catalog, bool isTopLevel)
    {
        switch (node)
        {
            case Keyword keyword when !FlowKeywords.IsKnown(keyword.Name):
                return catalog.TryGet(keyword.Name, out var function)
                    ? new ExpressionError(ExpressionErrorCodes.UnexpectedToken,
                        $"Check error ({keyword.Position.Describe()}): function {function.Name} needs parentheses: {function.Signature}.",
                        keyword.Position, "'('")
                    : new ExpressionError(ExpressionErrorCodes.UnknownIdentifier,
                        $"Check error ({keyword.Position.Describe()}): unknown identifier '{keyword.Name}'; attributes are written in brackets, [{keyword.Name}], and functions with parentheses.",
                        keyword.Position, "an attribute in [brackets], a function call or a \"string\"");
            case Comparison comparison:
                return Check(comparison.Left, catalog, isTopLevel: false) ?? Check(comparison.Right, catalog, isTopLevel: false);
            case FunctionCall call:
                return CheckCall(call, catalog, isTopLevel);
            default:
                return null;
        }
    }

    private static ExpressionError? CheckCall(FunctionCall call, FunctionCatalog catalog, bool isTopLevel)
    {
        if (!catalog.TryGet(call.Name, out var function))
        {
            var suggestion = Closest(call.Name, catalog);
            return new ExpressionError(ExpressionErrorCodes.UnknownFunction,
                $"Check error ({call.Position.Describe()}): unknown function '{call.Name}'" +
                (suggestion is null ? "." : $"; did you mean {suggestion}?"),
                call.Position, "a function name");
        }

        var count = call.Arguments.Count;
        if (count < function.MinimumArguments || count > function.MaximumArguments)
        {
            var expected = function.MaximumArguments == int.MaxValue
                ? $"at least {function.MinimumArguments}"
                : function.MinimumArguments == function.MaximumArguments
                    ? $"{function.MinimumArguments}"
                    : $"{function.MinimumArguments} to {function.MaximumArguments}";
            return new ExpressionError(ExpressionErrorCodes.WrongArgumentCount,
                $"Check error ({call.Position.Describe()}): {function.Name} takes {expected} argument(s) but got {count}: {function.Signature}.",
                call.Position, $"{expected} argument(s)");
        }

        for (var i = 0; i < count; i++)
        {
            var argument = call.Arguments[i];
            if (argument is OmittedArgument && IsRequired(function, i, count))
            {
                return new ExpressionError(ExpressionErrorCodes.MissingArgument,
                    $"Check error ({argument.Position.Describe()}): {function.Name} needs a value for '{function.ParameterAt(i).Name}' here: {function.Signature}.",
                    argument.Position, $"a value for '{function.ParameterAt(i).Name}'");
            }

            if (Check(argument, catalog, isTopLevel: false) is { } error)
            {
                return error;
            }
        }

        return function.Check(call, isTopLevel);
    }

    private static bool IsRequired(ExpressionFunction function, int index, int count) => function switch
    {
        // FormatDateTime's three-argument form has no styles: every argument is required.
        FormatDateTimeFunction => count == 3 || index != 1,
        _ => function.ParameterAt(index).Required,
    };

    private static string? Closest(string name, FunctionCatalog catalog)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var function in catalog.Functions)
        {
            var distance = Distance(name.ToUpperInvariant(), function.Name.ToUpperInvariant());
            if (distance < bestDistance)
            {
                best = function.Name;
                bestDistance = distance;
            }
        }

        return bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
