namespace Provisio.Expressions.Functions;

/// <summary>The type a parameter expects, as Graph's <c>schema/functions</c> lists it.</summary>
public enum FunctionParameterType
{
    String,
    Integer,
    Boolean,
    DateTime,
    Attribute,
    Expression,
}
