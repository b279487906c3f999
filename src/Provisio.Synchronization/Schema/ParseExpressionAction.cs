using Provisio.Expressions;
using Provisio.Expressions.Compilation;
using Provisio.Expressions.Evaluation;
using Provisio.Expressions.Functions;
using Provisio.Expressions.Graph;
using Provisio.Expressions.Syntax;

namespace Provisio.Synchronization.Schema;

/// <summary>
/// Graph's <c>parseExpression</c> (reference entra-engine-and-api §6.1, entra-expressions-and-scim A.1.1): parses the
/// expression to an <c>attributeMappingSource</c> tree and, given a test object, evaluates it. Every outcome is an
/// answer, not a failure, as in Graph: a syntax error, or a call the checker rejects (an unknown function, a wrong
/// number of arguments), gives <c>parsingSucceeded: false</c> with the positioned error (the tree is still there when
/// only the check failed); an evaluation error gives <c>evaluationSucceeded: false</c>. Without a test object nothing
/// is evaluated (<c>evaluationSucceeded: false</c>, no error).
/// </summary>
public static class ParseExpressionAction
{
    /// <param name="testInput">The test object's attributes (<see cref="ExpressionInputObject.TryGetAttributes"/>); null: parse only.</param>
    public static ParseExpressionResponse Run(string expression, AttributeBag? testInput, ExpressionEnvironment environment,
        FunctionCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(environment);
        catalog ??= FunctionCatalog.Entra;
        var parsed = ExpressionParser.Parse(expression);
        if (!parsed.Succeeded)
        {
            return new ParseExpressionResponse { Error = ToPublicError(parsed.Error) };
        }

        var tree = AttributeMappingSourceConverter.ToGraph(parsed.Tree, catalog);
        var compiled = ExpressionCompiler.Compile(parsed.Tree, catalog);
        if (!compiled.Succeeded)
        {
            return new ParseExpressionResponse { Error = ToPublicError(compiled.Error), ParsedExpression = tree };
        }

        if (testInput is null)
        {
            return new ParseExpressionResponse { ParsedExpression = tree, ParsingSucceeded = true };
        }

        var result = compiled.Expression.Evaluate(testInput, environment);
        return result.Succeeded
            ? new ParseExpressionResponse { EvaluationSucceeded = true, EvaluationResult = Strings(result.Value), ParsedExpression = tree, ParsingSucceeded = true }
            : new ParseExpressionResponse { Error = ToPublicError(result.Error), ParsedExpression = tree, ParsingSucceeded = true };
    }

    /// <summary>Graph's <c>evaluationResult</c> is a string collection: null and flow instructions flow nothing.</summary>
    private static string[] Strings(ExpressionValue value) => value.Kind switch
    {
        _ when value.IsNull || value.IsFlowControl => [],
        ExpressionValueKind.MultiValued or ExpressionValueKind.AppRoleAssignments => [.. value.AsList()],
        _ => [value.AsString() ?? string.Empty],
    };

    private static PublicError ToPublicError(ExpressionError error) => new()
    {
        Code = error.Code,
        Message = error.Message,
        Target = "expression",
        Position = new PublicErrorPosition(error.Position.Offset, error.Position.Line, error.Position.Column),
    };
}
