using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>ToLower(source, culture): lower case in the given culture, invariant when omitted (reference A.3).</summary>
internal sealed class ToLowerFunction : ExpressionFunction
{
    public override string Name => "ToLower";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("source"), FunctionParameter.Optional("culture")];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var value = arguments[0](scope);
        var culture = CaseConversion.Culture(this, arguments.Length > 1 ? ReadString(arguments, 1, scope) : null);
        if (culture is null)
        {
            if (value.Kind == ExpressionValueKind.String)
            {
                var text = value.AsString()!;
                var lower = text.ToLowerInvariant();
                return ReferenceEquals(lower, text) || string.Equals(lower, text, StringComparison.Ordinal) ? value : ExpressionValue.From(lower);
            }

            return MapText(value, static text => text.ToLowerInvariant());
        }

        return WithCulture(value, culture);
    }

    // In its own method so that the closure over the culture is only allocated when a culture is given.
    private static ExpressionValue WithCulture(in ExpressionValue value, System.Globalization.CultureInfo culture) =>
        MapText(value, text => text.ToLower(culture));
}
