using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>StripSpaces(source): removes every space character (U+0020) and only those (reference A.3 StripSpaces).</summary>
internal sealed class StripSpacesFunction : ExpressionFunction
{
    public override string Name => "StripSpaces";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("source")];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var value = arguments[0](scope);
        return value.Kind == ExpressionValueKind.String && !value.AsString()!.Contains(' ', StringComparison.Ordinal)
            ? value
            : MapText(value, text => text.Replace(" ", string.Empty, StringComparison.Ordinal));
    }
}
