using Provisio.Expressions.Evaluation;
using Provisio.Expressions.Functions;
using Provisio.Expressions.Syntax;

namespace Provisio.Expressions.Compilation;

/// <summary>
/// A checked, compiled expression: evaluate it as often as needed, from any thread. Evaluation never throws for a
/// problem in the expression or the data: it returns an <see cref="ExpressionError"/>.
/// </summary>
public sealed class CompiledExpression
{
    private readonly Evaluator _evaluator;
    private readonly Lazy<Evaluator> _traced;

    internal CompiledExpression(string text, ExpressionNode syntax, Evaluator evaluator, Func<Evaluator> traced,
        FunctionCatalog catalog)
    {
        Text = text;
        Syntax = syntax;
        _evaluator = evaluator;
        _traced = new Lazy<Evaluator>(traced, LazyThreadSafetyMode.ExecutionAndPublication);
        var attributes = new List<string>();
        CollectAttributes(syntax, attributes);
        AttributeNames = attributes.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        FunctionNames = Calls(syntax).Select(call => call.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        IsRedacted = FunctionNames.Contains("Redact", StringComparer.OrdinalIgnoreCase);
        IsVolatile = Calls(syntax).Any(call => catalog.TryGet(call.Name, out var function) && function.IsVolatile);
    }

    /// <summary>The text it was compiled from (the canonical print when compiled from a tree).</summary>
    public string Text { get; }

    public ExpressionNode Syntax { get; }

    /// <summary>The source attributes the expression reads, each once.</summary>
    public IReadOnlyList<string> AttributeNames { get; }

    /// <summary>The functions the expression calls, each once, as written.</summary>
    public IReadOnlyList<string> FunctionNames { get; }

    /// <summary>The expression uses Redact: logs show <c>[Redact]</c> instead of its value.</summary>
    public bool IsRedacted { get; }

    /// <summary>The value may differ between two evaluations of the same attributes (Now, Guid, RandomString, ...).</summary>
    public bool IsVolatile { get; }

    public EvaluationResult Evaluate(IExpressionAttributes attributes, ExpressionEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return Run(_evaluator, new EvaluationScope(attributes, environment ?? ExpressionEnvironment.Default, null));
    }

    /// <summary>Evaluates and records every call with its arguments and result into <paramref name="trace"/>.</summary>
    public EvaluationResult Evaluate(IExpressionAttributes attributes, ExpressionEnvironment? environment, ExpressionTrace trace)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(trace);
        return Run(_traced.Value, new EvaluationScope(attributes, environment ?? ExpressionEnvironment.Default, trace));
    }

    private EvaluationResult Run(Evaluator evaluator, in EvaluationScope scope)
    {
        try
        {
            var value = evaluator(scope);
            return EvaluationResult.Success(value.IsOmitted ? ExpressionValue.Null : value);
        }
        catch (ExpressionEvaluationException exception)
        {
            return EvaluationResult.Failure(exception.ToError(Syntax.Position));
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or StackOverflowException or InvalidProgramException))
        {
            // A bug of ours, not of the expression: still a value, so one bad mapping cannot stop a cycle.
            return EvaluationResult.Failure(new ExpressionError(ExpressionErrorCodes.InternalError,
                $"Evaluation failed unexpectedly ({exception.GetType().Name}): {exception.Message}", Syntax.Position));
        }
    }

    private static void CollectAttributes(ExpressionNode node, List<string> names)
    {
        switch (node)
        {
            case AttributeReference attribute:
                names.Add(attribute.Name);
                break;
            case Comparison comparison:
                CollectAttributes(comparison.Left, names);
                CollectAttributes(comparison.Right, names);
                break;
            case FunctionCall call:
                foreach (var argument in call.Arguments)
                {
                    CollectAttributes(argument, names);
                }

                break;
        }
    }

    private static IEnumerable<FunctionCall> Calls(ExpressionNode node)
    {
        switch (node)
        {
            case FunctionCall call:
                yield return call;
                foreach (var inner in call.Arguments.SelectMany(Calls))
                {
                    yield return inner;
                }

                break;
            case Comparison comparison:
                foreach (var inner in Calls(comparison.Left).Concat(Calls(comparison.Right)))
                {
                    yield return inner;
                }

                break;
        }
    }

    public override string ToString() => Text;
}
