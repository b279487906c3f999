namespace Provisio.Expressions.Evaluation;

/// <summary>The source object's attributes, as an expression reads them by name.</summary>
public interface IExpressionAttributes
{
    /// <summary>False (and <see cref="ExpressionValue.Null"/>) when the object has no such attribute.</summary>
    bool TryGetValue(string name, out ExpressionValue value);
}
