using Provisio.Expressions.Compilation;
using Provisio.Expressions.Evaluation;
using Provisio.Expressions.Graph;
using Provisio.Expressions.Syntax;

namespace Provisio.Expressions.Tests.Graph;

/// <summary>
/// Graph's parsed form, <c>attributeMappingSource</c> (reference entra-expressions-and-scim A.1.1): omitted arguments
/// are left out, parameters are keyed by name, and converting back gives an expression with the same value.
/// </summary>
public sealed class AttributeMappingSourceConverterTests
{
    private const string GraphExample = "Replace([preferredLanguage], \"-\", , , \"_\", ,  )";

    [Fact]
    public void ToGraph_GraphParseExpressionExample_MatchesGraphResponse()
    {
        // Arrange: reference A.1.1, verbatim GRAPH-PE request
        var tree = ExpressionParser.Parse(GraphExample).Tree!;

        // Act
        var source = AttributeMappingSourceConverter.ToGraph(tree);

        // Assert
        source.Expression.ShouldBe("Replace([preferredLanguage], \"-\", , , \"_\", , )");
        source.Name.ShouldBe("Replace");
        source.Type.ShouldBe(AttributeMappingSourceType.Function);
        source.Parameters.Select(parameter => parameter.Key).ShouldBe(["source", "Find", "Replacement"]);

        var attribute = source.Parameters[0].Value;
        attribute.Expression.ShouldBe("[preferredLanguage]");
        attribute.Name.ShouldBe("preferredLanguage");
        attribute.Parameters.ShouldBeEmpty();
        attribute.Type.ShouldBe(AttributeMappingSourceType.Attribute);

        var find = source.Parameters[1].Value;
        find.Expression.ShouldBe("\"-\"");
        find.Name.ShouldBe("-");
        find.Parameters.ShouldBeEmpty();
        find.Type.ShouldBe(AttributeMappingSourceType.Constant);

        var replacement = source.Parameters[2].Value;
        replacement.Expression.ShouldBe("\"_\"");
        replacement.Name.ShouldBe("_");
        replacement.Parameters.ShouldBeEmpty();
        replacement.Type.ShouldBe(AttributeMappingSourceType.Constant);
    }

    [Fact]
    public void FromGraph_GraphParseExpressionResponse_EvaluatesAsGraphDoes()
    {
        // Arrange: the parsedExpression of the GRAPH-PE response, as Graph sends it
        var source = new AttributeMappingSource
        {
            Expression = "Replace([preferredLanguage], \"-\", , , \"_\", , )",
            Name = "Replace",
            Type = AttributeMappingSourceType.Function,
            Parameters =
            [
                new("source", new AttributeMappingSource
                {
                    Expression = "[preferredLanguage]", Name = "preferredLanguage", Type = AttributeMappingSourceType.Attribute,
                }),
                new("Find", new AttributeMappingSource { Expression = "\"-\"", Name = "-", Type = AttributeMappingSourceType.Constant }),
                new("Replacement", new AttributeMappingSource { Expression = "\"_\"", Name = "_", Type = AttributeMappingSourceType.Constant }),
            ],
        };

        // Act
        var result = AttributeMappingSourceConverter.FromGraph(source);

        // Assert
        result.Error.ShouldBeNull();
        ExpressionPrinter.Print(result.Tree!).ShouldBe("Replace([preferredLanguage], \"-\", , , \"_\")");
        var compiled = ExpressionCompiler.Compile(result.Tree!);
        compiled.Error.ShouldBeNull();
        var value = compiled.Expression!.Evaluate(new AttributeBag().Set("preferredLanguage", "EN-US"));
        value.Error.ShouldBeNull();
        value.Value.AsString().ShouldBe("EN_US");
    }

    public static TheoryData<string> RoundTripExpressions => new()
    {
        GraphExample,
        "Switch([country], , \"USA\", \"United States\", \"DE\", \"Germany\", \"\", \"Unknown\")",
        "Join(\", \", [a], [b], \"c\", [d], [e], [f], [g], [h], [i], [j], [k])",
        "IIF([country] = \"USA\", IIF(Len([b]) >= 3, \"long\", \"short\"), IIF(InStr([a], \"@\") <> 0, [a], \"other\"))",
        "InStr(\"repEated\", \"e\", 3, vbBinaryCompare)",
        "FormatDateTime([hireDate], , \"yyyyMMddHHmmss.fZ\", \"yyyy-MM-dd\")",
        "IgnoreFlowIfNullOrEmpty(BitAnd(&HF, -3))",
        "Left(Mid([multi], 2, 3), 1.5)",
        "[mail]",
        "\"a \\\"quoted\\\" \\\\ value\"",
    };

    [Theory]
    [MemberData(nameof(RoundTripExpressions))]
    public void FromGraph_ToGraphOfExpression_HasSameValue(string text)
    {
        // Arrange
        var tree = ExpressionParser.Parse(text).Tree!;
        var original = ExpressionCompiler.Compile(tree);
        original.Error.ShouldBeNull();

        // Act
        var converted = AttributeMappingSourceConverter.FromGraph(AttributeMappingSourceConverter.ToGraph(tree));

        // Assert
        converted.Error.ShouldBeNull();
        var compiled = ExpressionCompiler.Compile(converted.Tree!);
        compiled.Error.ShouldBeNull($"converted to {converted.Tree}");
        foreach (var attributes in AttributeSets())
        {
            var expected = original.Expression!.Evaluate(attributes);
            var actual = compiled.Expression!.Evaluate(attributes);
            actual.Value.ShouldBe(expected.Value, $"converted to {converted.Tree}");
            (actual.Error?.Code).ShouldBe(expected.Error?.Code, $"converted to {converted.Tree}");
        }
    }

    [Fact]
    public void FromGraph_SwitchWithOmittedDefault_KeepsDefaultOmitted()
    {
        // Arrange
        var tree = ExpressionParser.Parse("Switch([country], , \"USA\", \"United States\")").Tree!;

        // Act
        var source = AttributeMappingSourceConverter.ToGraph(tree);
        var converted = AttributeMappingSourceConverter.FromGraph(source);

        // Assert
        source.Parameters.Select(parameter => parameter.Key).ShouldBe(["source", "key", "value"]);
        converted.Tree!.SyntaxEquals(tree).ShouldBeTrue($"converted to {converted.Tree}");
    }

    [Fact]
    public void ToGraph_Comparison_IsFunctionNamedByOperator()
    {
        // Arrange
        var tree = ExpressionParser.Parse("IIF([a] <= 3, \"y\", \"n\")").Tree!;

        // Act
        var condition = AttributeMappingSourceConverter.ToGraph(tree).Parameters[0];

        // Assert
        condition.Key.ShouldBe("condition");
        condition.Value.Type.ShouldBe(AttributeMappingSourceType.Function);
        condition.Value.Name.ShouldBe("<=");
        condition.Value.Expression.ShouldBe("[a] <= 3");
        condition.Value.Parameters.Select(parameter => parameter.Key).ShouldBe(["left", "right"]);
    }

    [Fact]
    public void FromGraph_UnknownParameterKey_ReturnsErrorValue()
    {
        // Arrange
        var source = new AttributeMappingSource
        {
            Name = "Left",
            Type = AttributeMappingSourceType.Function,
            Parameters =
            [
                new("String", new AttributeMappingSource { Name = "mail", Type = AttributeMappingSourceType.Attribute }),
                new("Count", new AttributeMappingSource { Expression = "3", Name = "3", Type = AttributeMappingSourceType.Constant }),
            ],
        };

        // Act
        var result = AttributeMappingSourceConverter.FromGraph(source);

        // Assert
        result.Tree.ShouldBeNull();
        var error = result.Error.ShouldNotBeNull();
        error.Code.ShouldBe(ExpressionErrorCodes.InvalidArgument);
        error.Message.ShouldBe("Left has no parameter 'Count' at or after position 2: Left(String, NumChars).");
    }

    [Fact]
    public void FromGraph_ParameterKeysOutOfOrder_ReturnsErrorValue()
    {
        // Arrange: Replacement (5th) before Find (2nd) cannot be placed
        var source = new AttributeMappingSource
        {
            Name = "Replace",
            Type = AttributeMappingSourceType.Function,
            Parameters =
            [
                new("source", new AttributeMappingSource { Name = "a", Type = AttributeMappingSourceType.Attribute }),
                new("Replacement", new AttributeMappingSource { Name = "_", Type = AttributeMappingSourceType.Constant }),
                new("Find", new AttributeMappingSource { Name = "-", Type = AttributeMappingSourceType.Constant }),
            ],
        };

        // Act
        var result = AttributeMappingSourceConverter.FromGraph(source);

        // Assert
        result.Tree.ShouldBeNull();
        result.Error.ShouldNotBeNull().Code.ShouldBe(ExpressionErrorCodes.InvalidArgument);
    }

    [Fact]
    public void FromGraph_UnknownFunction_ReturnsErrorValue()
    {
        // Arrange
        var source = new AttributeMappingSource { Name = "Frobnicate", Type = AttributeMappingSourceType.Function };

        // Act
        var result = AttributeMappingSourceConverter.FromGraph(source);

        // Assert
        result.Tree.ShouldBeNull();
        result.Error.ShouldNotBeNull().Code.ShouldBe(ExpressionErrorCodes.UnknownFunction);
    }

    [Fact]
    public void FromGraph_AttributeWithoutName_ReturnsErrorValue()
    {
        // Act
        var result = AttributeMappingSourceConverter.FromGraph(new AttributeMappingSource { Type = AttributeMappingSourceType.Attribute });

        // Assert
        result.Tree.ShouldBeNull();
        result.Error.ShouldNotBeNull().Code.ShouldBe(ExpressionErrorCodes.InvalidArgument);
    }

    private static IEnumerable<AttributeBag> AttributeSets()
    {
        yield return new AttributeBag();
        yield return new AttributeBag()
            .Set("preferredLanguage", "EN-US").Set("country", "USA").Set("a", "x@contoso.com").Set("b", "abcd")
            .Set("d", "d").Set("j", "j").Set("hireDate", "20240131093000.0Z").Set("multi", "abcdef").Set("mail", "m@contoso.com");
        yield return new AttributeBag()
            .Set("preferredLanguage", "de-DE").Set("country", "DE").Set("a", "plain").Set("b", "ab")
            .Set("e", ["e1", "e2"]).Set("k", string.Empty).Set("multi", "xy");
        yield return new AttributeBag().Set("country", string.Empty).Set("a", "@").Set("b", "abc");
    }
}
