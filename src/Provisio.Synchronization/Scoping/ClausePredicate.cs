using Provisio.Expressions.Evaluation;

namespace Provisio.Synchronization.Scoping;

/// <summary>A bound clause's judgement of one present, single value (never null, never multi-valued).</summary>
internal delegate ClauseOutcome ClausePredicate(in ExpressionValue value);
