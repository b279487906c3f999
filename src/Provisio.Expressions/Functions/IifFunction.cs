using Provisio.Expressions.Evaluation;
using Provisio.Expressions.Syntax;

namespace Provisio.Expressions.Functions;

/// <summary>
/// IIF(condition, valueIfTrue, valueIfFalse), evaluating only the branch taken. Entra's documentation says the
/// condition check fails when an attribute it reads is null or empty, and lists
/// <c>IIF(IsNullOrEmpty([country]), "Other", [country])</c> as unsupported; Provisio deliberately evaluates it (a null
/// attribute reads as empty in a comparison), because that is the fallback pattern the user's troubleshooting guide
/// recommends (seed 000; reference A.2, A.3 IIF). README lists this difference.
/// </summary>
internal sealed class IifFunction : ExpressionFunction
{
    public override string Name => "IIF";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } =
        [new("condition", FunctionParameterType.Boolean), new("valueIfTrue"), new("valueIfFalse")];

    public override ExpressionError? Check(FunctionCall call, bool isTopLevel)
    {
        ArgumentNullException.ThrowIfNull(call);
        var flow = FindFlowControl(call.Arguments[0]);
        return flow is null
            ? null
            : CheckError(ExpressionErrorCodes.FlowControlInCondition, flow.Position, flow is Keyword keyword
                    ? $"{keyword.Name} is a flow-control result, not a value a condition can test; return it from a branch instead."
                    : "IgnoreFlowIfNullOrEmpty is a flow-control wrapper, not a condition; wrap the whole IIF in it instead.",
                "a condition");
    }

    public override Evaluator Bind(BoundCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var condition = call.Arguments[0];
        var whenTrue = call.Arguments[1];
        var whenFalse = call.Arguments[2];
        return (in EvaluationScope scope) =>
        {
            var test = condition(scope);
            if (!ValueConversion.TryToBoolean(test, out var result))
            {
                throw Fail(ExpressionErrorCodes.NotABoolean, $"the condition gave {Describe(test)}, not True or False.");
            }

            return result ? whenTrue(scope) : whenFalse(scope);
        };
    }

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope) =>
        throw new InvalidOperationException("IIF binds its own evaluator.");

    private static ExpressionNode? FindFlowControl(ExpressionNode node) => node switch
    {
        FunctionCall call when string.Equals(call.Name, "IgnoreFlowIfNullOrEmpty", StringComparison.OrdinalIgnoreCase) => call,
        Keyword keyword when FlowKeywords.IsFlowControl(keyword.Name) => keyword,
        Comparison comparison => FindFlowControl(comparison.Left) ?? FindFlowControl(comparison.Right),
        FunctionCall call => call.Arguments.Select(FindFlowControl).FirstOrDefault(found => found is not null),
        _ => null,
    };
}
