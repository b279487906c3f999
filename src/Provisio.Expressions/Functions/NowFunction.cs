using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>Now(): the current UTC time from the environment's clock, reading <c>M/d/yyyy h:mm:ss tt</c> (reference A.3 Now).</summary>
internal sealed class NowFunction : ExpressionFunction
{
    public override string Name => "Now";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [];

    public override bool IsVolatile => true;

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var now = scope.Environment.TimeProvider.GetUtcNow().UtcDateTime;
        return ExpressionValue.From(now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)));
    }
}
