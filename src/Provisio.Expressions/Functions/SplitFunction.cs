using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// Split(source, delimiter): the values between delimiters, as a multi-valued result. Elements are not trimmed: the
/// documentation's <c>["PermissionSetOne", "PermissionSetTwo"]</c> for <c>"PermissionSetOne, PermissionSetTwo"</c>
/// drops a space that .NET's Split, which Entra runs on, keeps (reference A.3 SPL-1, marked as a documentation error).
/// </summary>
internal sealed class SplitFunction : ExpressionFunction
{
    public override string Name => "Split";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("source"), new("delimiter")];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var text = ReadString(arguments, 0, scope);
        var delimiter = ReadString(arguments, 1, scope);
        if (text is null)
        {
            return ExpressionValue.Null;
        }

        if (text.Length == 0)
        {
            return ExpressionValue.From(Array.Empty<string>());
        }

        return ExpressionValue.From(string.IsNullOrEmpty(delimiter) ? [text] : text.Split(delimiter));
    }
}
