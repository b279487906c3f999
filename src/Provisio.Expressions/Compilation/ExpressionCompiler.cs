using Provisio.Expressions.Checking;
using Provisio.Expressions.Evaluation;
using Provisio.Expressions.Functions;
using Provisio.Expressions.Syntax;

namespace Provisio.Expressions.Compilation;

/// <summary>
/// Parse once, check, then compile the tree to a chain of delegates that evaluates many times without parsing or
/// allocating more than the values it creates. A traced twin is compiled on first use of a trace.
/// </summary>
public static class ExpressionCompiler
{
    /// <summary>Parses, checks and compiles <paramref name="text"/>; the first error comes back as a value.</summary>
    public static CompileResult Compile(string text, FunctionCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = ExpressionParser.Parse(text);
        return parsed.Succeeded ? Compile(parsed.Tree, text, catalog) : new CompileResult(null, parsed.Error);
    }

    /// <summary>Checks and compiles a tree built in code or converted from Graph's attributeMappingSource.</summary>
    public static CompileResult Compile(ExpressionNode tree, FunctionCatalog? catalog = null) =>
        Compile(tree, ExpressionPrinter.Print(tree), catalog);

    private static CompileResult Compile(ExpressionNode tree, string text, FunctionCatalog? catalog)
    {
        ArgumentNullException.ThrowIfNull(tree);
        catalog ??= FunctionCatalog.Entra;
        if (ExpressionChecker.Check(tree, catalog) is { } error)
        {
            return new CompileResult(null, error);
        }

        var evaluator = new Builder(catalog, traced: false).Build(tree);
        return new CompileResult(new CompiledExpression(text, tree, evaluator,
            () => new Builder(catalog, traced: true).Build(tree), catalog), null);
    }

    private sealed class Builder(FunctionCatalog catalog, bool traced)
    {
        public Evaluator Build(ExpressionNode node)
        {
            switch (node)
            {
                case AttributeReference attribute:
                {
                    var name = attribute.Name;
                    return (in EvaluationScope scope) => scope.Attributes.TryGetValue(name, out var value) ? value : ExpressionValue.Null;
                }

                case FunctionCall call:
                    return BuildCall(call);
                case Comparison comparison:
                {
                    var left = Build(comparison.Left);
                    var right = Build(comparison.Right);
                    var @operator = comparison.Operator;
                    return (in EvaluationScope scope) =>
                        ExpressionValue.From(ValueComparison.Compare(left(scope), @operator, right(scope)));
                }

                default:
                {
                    var constant = Constant(node) ?? ExpressionValue.Null;
                    return (in EvaluationScope _) => constant;
                }
            }
        }

        private static ExpressionValue? Constant(ExpressionNode node) => node switch
        {
            StringLiteral literal => ExpressionValue.From(literal.Value),
            NumberLiteral { IsInteger: true } number => ExpressionValue.From(number.Integer),
            NumberLiteral number => ExpressionValue.From(number.Decimal),
            Keyword keyword => FlowKeywords.ValueOf(keyword.Name),
            OmittedArgument => ExpressionValue.Omitted,
            _ => null,
        };

        private Evaluator BuildCall(FunctionCall call)
        {
            catalog.TryGet(call.Name, out var function);
            var arguments = new Evaluator[call.Arguments.Count];
            var constants = new ExpressionValue?[call.Arguments.Count];
            for (var i = 0; i < arguments.Length; i++)
            {
                arguments[i] = Build(call.Arguments[i]);
                constants[i] = Constant(call.Arguments[i]);
                if (traced)
                {
                    arguments[i] = RecordArgument(arguments[i], i);
                }
            }

            var inner = function.Bind(new BoundCall(call, arguments, constants));
            var position = call.Position;
            if (!traced)
            {
                return (in EvaluationScope scope) =>
                {
                    try
                    {
                        return inner(scope);
                    }
                    catch (ExpressionEvaluationException exception) when (exception.Position is null)
                    {
                        throw new ExpressionEvaluationException(exception.Code, exception.Message, position);
                    }
                };
            }

            var name = function.Name;
            var count = arguments.Length;
            return (in EvaluationScope scope) =>
            {
                var trace = scope.Trace!;
                trace.Enter(name, position, count);
                try
                {
                    var result = inner(scope);
                    trace.Exit(result, null);
                    return result;
                }
                catch (ExpressionEvaluationException exception)
                {
                    var located = exception.Position is null
                        ? new ExpressionEvaluationException(exception.Code, exception.Message, position)
                        : exception;
                    trace.Exit(null, located.ToError(position));
                    throw located;
                }
            };
        }

        private static Evaluator RecordArgument(Evaluator argument, int index) => (in EvaluationScope scope) =>
        {
            var value = argument(scope);
            scope.Trace!.RecordArgument(index, value);
            return value;
        };
    }
}
