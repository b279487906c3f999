using Provisio.Expressions.Evaluation;
using Provisio.Expressions.Syntax;

namespace Provisio.Expressions.Functions;

/// <summary>
/// Switch(source, defaultValue, key1, value1, key2, value2, ...): the value of the first key equal to source (ordinal,
/// case-sensitive), else defaultValue (null when omitted). A null or empty source matches the key <c>""</c>. "The
/// function always expects an even number of parameters." (reference A.3 Switch).
/// </summary>
internal sealed class SwitchFunction : ExpressionFunction
{
    public override string Name => "Switch";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } =
        [new("source"), FunctionParameter.Optional("defaultValue"), new("key"), FunctionParameter.Repeating("value")];

    public override FunctionParameter ParameterAt(int index) => index < 2 ? Parameters[index] : Parameters[index % 2 == 0 ? 2 : 3];

    public override ExpressionError? Check(FunctionCall call, bool isTopLevel)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Arguments.Count % 2 == 0
            ? null
            : CheckError(ExpressionErrorCodes.WrongArgumentCount, call.Position,
                $"Switch expects an even number of arguments (source, default, then key and value pairs) but got {call.Arguments.Count}; a key has no value.",
                "a value after the last key");
    }

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var source = ToText(arguments[0](scope), 0);
        for (var i = 2; i + 1 < arguments.Length; i += 2)
        {
            var key = ToText(arguments[i](scope), i);
            if (string.Equals(key, source, StringComparison.Ordinal)
                || (string.IsNullOrEmpty(source) && key is { Length: 0 }))
            {
                return arguments[i + 1](scope);
            }
        }

        var fallback = arguments[1](scope);
        return fallback.IsOmitted ? ExpressionValue.Null : fallback;
    }
}
