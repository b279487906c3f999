using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>ToUpper(source, culture): upper case in the given culture, invariant when omitted (reference A.3).</summary>
internal sealed class ToUpperFunction : ExpressionFunction
{
    public override string Name => "ToUpper";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("source"), FunctionParameter.Optional("culture")];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var value = arguments[0](scope);
        var culture = CaseConversion.Culture(this, arguments.Length > 1 ? ReadString(arguments, 1, scope) : null);
        return MapText(value, text => culture is null ? text.ToUpperInvariant() : text.ToUpper(culture));
    }
}
