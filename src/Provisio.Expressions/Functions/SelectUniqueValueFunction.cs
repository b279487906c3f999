using Provisio.Expressions.Evaluation;
using Provisio.Expressions.Syntax;

namespace Provisio.Expressions.Functions;

/// <summary>
/// SelectUniqueValue(rule1, rule2, ...): the first rule's value that is unique in the target; when every value is
/// taken the object is escrowed (reference A.3). Top level only, at least two rules. Uniqueness comes from the
/// environment's <see cref="IUniqueValueChecker"/>; without one, the first non-empty value wins.
/// </summary>
internal sealed class SelectUniqueValueFunction : ExpressionFunction
{
    public override string Name => "SelectUniqueValue";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [FunctionParameter.Repeating("uniqueValueRule", FunctionParameterType.Expression)];

    public override int MinimumArguments => 2;

    public override bool IsVolatile => true;

    public override ExpressionError? Check(FunctionCall call, bool isTopLevel)
    {
        ArgumentNullException.ThrowIfNull(call);
        return isTopLevel
            ? null
            : CheckError(ExpressionErrorCodes.NotAtTopLevel, call.Position,
                "SelectUniqueValue must be the whole expression, not an argument of another function.");
    }

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var checker = scope.Environment.UniqueValueChecker;
        var tried = 0;
        foreach (var rule in arguments)
        {
            var text = ToText(rule(scope), 0);
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            tried++;
            if (checker is null || checker.IsUnique(text))
            {
                return ExpressionValue.From(text);
            }
        }

        throw Fail(ExpressionErrorCodes.UniqueValueUnavailable,
            $"all {tried} generated value(s) already exist in the target; the object is escrowed until one is free.");
    }
}
