using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// Guid(): a new random GUID, lower-case with hyphens (reference A.3 Guid), from the environment's random source when a
/// test fixes one (<see cref="ExpressionEnvironment.RandomInt32"/>), as RandomString() does.
/// </summary>
internal sealed class GuidFunction : ExpressionFunction
{
    public override string Name => "Guid";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [];

    public override bool IsVolatile => true;

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        if (scope.Environment.RandomInt32 is null)
        {
            return ExpressionValue.From(System.Guid.NewGuid().ToString("D"));
        }

        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)scope.Environment.NextRandom(256);
        }

        return ExpressionValue.From(new System.Guid(bytes).ToString("D"));
    }
}
