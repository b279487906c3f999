using Provisio.Expressions.Evaluation;
using Provisio.Expressions.Syntax;

namespace Provisio.Expressions.Functions;

/// <summary>
/// IIF(condition, valueIfTrue, valueIfFalse), evaluating only the branch taken. "If the source attribute used within
/// the IIF function is empty or null, the condition check fails": that fails the evaluation (and so the object, as
/// Entra's "Creation fails"), which is why FN lists <c>IIF(IsNullOrEmpty([country]), "Other", [country])</c> as
/// unsupported; the error names the Switch workaround (reference A.2, A.3 IIF).
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
        var attributes = new List<string>();
        CollectAttributes(call.Syntax.Arguments[0], attributes);
        var names = attributes.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var condition = call.Arguments[0];
        var whenTrue = call.Arguments[1];
        var whenFalse = call.Arguments[2];
        return (in EvaluationScope scope) =>
        {
            foreach (var name in names)
            {
                if (!scope.Attributes.TryGetValue(name, out var value) || value.IsNullOrEmpty)
                {
                    throw Fail(ExpressionErrorCodes.NullOrEmptyInCondition,
                        $"the condition reads [{name}], which is null or empty, so the condition check fails as in Entra. " +
                        $"To choose a value for an empty attribute use Switch([{name}], [{name}], \"\", \"<value if empty>\").");
                }
            }

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

    internal static void CollectAttributes(ExpressionNode node, List<string> names)
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

    private static ExpressionNode? FindFlowControl(ExpressionNode node) => node switch
    {
        FunctionCall call when string.Equals(call.Name, "IgnoreFlowIfNullOrEmpty", StringComparison.OrdinalIgnoreCase) => call,
        Keyword keyword when FlowKeywords.IsFlowControl(keyword.Name) => keyword,
        Comparison comparison => FindFlowControl(comparison.Left) ?? FindFlowControl(comparison.Right),
        FunctionCall call => call.Arguments.Select(FindFlowControl).FirstOrDefault(found => found is not null),
        _ => null,
    };
}
