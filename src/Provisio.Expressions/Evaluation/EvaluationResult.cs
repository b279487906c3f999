using System.Diagnostics.CodeAnalysis;

namespace Provisio.Expressions.Evaluation;

/// <summary>The value of an expression for one object, or why there is none.</summary>
public readonly record struct EvaluationResult(ExpressionValue Value, ExpressionError? Error)
{
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>The target attribute is left out of the export (IgnoreFlowIfNullOrEmpty, IgnoreAttributeFlow).</summary>
    public bool IsAttributeFlowIgnored => Succeeded && Value.Kind == ExpressionValueKind.IgnoreAttributeFlow;

    /// <summary>The object is not flowed (IgnoreObjectFlow).</summary>
    public bool IsObjectFlowIgnored => Succeeded && Value.Kind == ExpressionValueKind.IgnoreObjectFlow;

    public static EvaluationResult Success(ExpressionValue value) => new(value, null);

    public static EvaluationResult Failure(ExpressionError error) => new(ExpressionValue.Null, error);
}
