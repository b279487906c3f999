using Provisio.Expressions.Graph;

namespace Provisio.Synchronization.Schema;

/// <summary>
/// Graph's <c>parseExpressionResponse</c>, in the order of Graph's example:
/// <c>{"error":null,"evaluationSucceeded":true,"evaluationResult":["EN_US"],"parsedExpression":{...},"parsingSucceeded":true}</c>.
/// </summary>
public sealed record ParseExpressionResponse
{
    public PublicError? Error { get; init; }

    public bool EvaluationSucceeded { get; init; }

    /// <summary>The value as strings: one for a single value, several for a multi-valued one, none for null.</summary>
    public IReadOnlyList<string> EvaluationResult { get; init; } = [];

    /// <summary>The tree as Graph's <c>attributeMappingSource</c>; null when the text does not parse.</summary>
    public AttributeMappingSource? ParsedExpression { get; init; }

    public bool ParsingSucceeded { get; init; }
}
