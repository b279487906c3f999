using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>Count(attribute): how many values a multi-valued attribute holds; null is 0, a single value 1.</summary>
internal sealed class CountFunction : ExpressionFunction
{
    public override string Name => "Count";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("attribute", FunctionParameterType.Attribute)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var value = arguments[0](scope);
        return ExpressionValue.From((long)(value.Kind switch
        {
            ExpressionValueKind.MultiValued => value.AsList().Count,
            ExpressionValueKind.AppRoleAssignments => value.AsAppRoleAssignments().Count,
            _ => value.IsNull ? 0 : 1,
        }));
    }
}
