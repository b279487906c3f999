namespace Provisio.Expressions.Evaluation;

/// <summary>Everything one evaluation reads; passed by reference through the compiled delegates, never allocated.</summary>
public readonly struct EvaluationScope(IExpressionAttributes attributes, ExpressionEnvironment environment, ExpressionTrace? trace)
{
    public IExpressionAttributes Attributes { get; } = attributes;

    public ExpressionEnvironment Environment { get; } = environment;

    /// <summary>Set only when the caller asked for a trace (the traced delegates record into it).</summary>
    public ExpressionTrace? Trace { get; } = trace;
}
