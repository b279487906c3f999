using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// Item(attribute, index): the value at a 1-based index of a multi-valued attribute ("Index 0 shouldn't be used");
/// an index outside the values is an error (reference A.3 Item).
/// </summary>
internal sealed class ItemFunction : ExpressionFunction
{
    public override string Name => "Item";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } =
        [new("attribute", FunctionParameterType.Attribute), new("index", FunctionParameterType.Integer)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var value = arguments[0](scope);
        var index = ReadInteger(arguments, 1, scope);
        if (value.IsNull)
        {
            return ExpressionValue.Null;
        }

        var values = value.AsList();
        if (index < 1 || index > values.Count)
        {
            throw Fail(ExpressionErrorCodes.IndexOutOfRange,
                $"index {index} is outside the {values.Count} value(s); the first value is index 1.");
        }

        return ExpressionValue.From(values[(int)index - 1]);
    }
}
