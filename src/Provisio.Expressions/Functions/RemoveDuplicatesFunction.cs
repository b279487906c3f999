using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>RemoveDuplicates(attribute): each value once, in first-seen order, compared ordinally (reference A.3).</summary>
internal sealed class RemoveDuplicatesFunction : ExpressionFunction
{
    public override string Name => "RemoveDuplicates";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("attribute", FunctionParameterType.Attribute)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var value = arguments[0](scope);
        if (value.Kind != ExpressionValueKind.MultiValued)
        {
            return value;
        }

        var values = value.AsList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new List<string>(values.Count);
        foreach (var item in values)
        {
            if (seen.Add(item))
            {
                unique.Add(item);
            }
        }

        return unique.Count == values.Count ? value : ExpressionValue.From(unique);
    }
}
