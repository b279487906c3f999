using Provisio.Expressions.Compilation;
using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Tests.Evaluation;

/// <summary>Compile-and-evaluate in one call for tests; a compile error fails the test with its message.</summary>
internal static class Evaluate
{
    public static CompiledExpression Compiled(string expression)
    {
        var compiled = ExpressionCompiler.Compile(expression);
        compiled.Succeeded.ShouldBeTrue(compiled.Error?.Message);
        return compiled.Expression!;
    }

    public static EvaluationResult Run(string expression, AttributeBag? attributes = null, ExpressionEnvironment? environment = null) =>
        Compiled(expression).Evaluate(attributes ?? new AttributeBag(), environment);

    public static ExpressionValue Value(string expression, AttributeBag? attributes = null, ExpressionEnvironment? environment = null)
    {
        var result = Run(expression, attributes, environment);
        result.Succeeded.ShouldBeTrue(result.Error?.Message);
        return result.Value;
    }

    public static string? Text(string expression, AttributeBag? attributes = null, ExpressionEnvironment? environment = null) =>
        Value(expression, attributes, environment).AsString();

    public static ExpressionError Error(string expression, AttributeBag? attributes = null, ExpressionEnvironment? environment = null)
    {
        var result = Run(expression, attributes, environment);
        result.Succeeded.ShouldBeFalse($"expected an error but got {result.Value}");
        return result.Error!;
    }
}
