namespace Provisio.Expressions.Evaluation;

/// <summary>A compiled node: computes its value for one source object.</summary>
public delegate ExpressionValue Evaluator(in EvaluationScope scope);
