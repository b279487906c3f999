namespace Provisio.Synchronization.Scoping;

/// <summary>Graph's <c>scopeOperatorType</c>, a filter operator's arity: a value to compare with, or none.</summary>
public enum ScopeOperatorType
{
    Binary,
    Unary,
}
