using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>Append(source, suffix): the source with the suffix after it; a null source stays null (reference A.3 Append).</summary>
internal sealed class AppendFunction : ExpressionFunction
{
    public override string Name => "Append";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("source"), new("suffix")];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var source = arguments[0](scope);
        if (source.IsNull)
        {
            return ExpressionValue.Null;
        }

        var suffix = ReadString(arguments, 1, scope) ?? string.Empty;
        return suffix.Length == 0 ? source : MapText(source, text => string.Concat(text, suffix));
    }
}
