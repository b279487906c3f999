using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Scoping;

namespace Provisio.Synchronization.Tests.Scoping;

public sealed class FilterOperatorCatalogTests
{
    [Fact]
    public void Entra_ListsThePortalsFourteenOperatorsInItsOrder()
    {
        FilterOperatorCatalog.Entra.Operators.Select(op => op.Name).ShouldBe(
        [
            "&", "!&", "ENDS_WITH", "EQUALS", "Greater_Than", "Greater_Than_OR_EQUALS", "Includes", "IS FALSE",
            "IS NOT NULL", "IS NULL", "IS TRUE", "NOT EQUALS", "NOT REGEX MATCH", "REGEX MATCH",
        ]);
    }

    [Fact]
    public void Schemas_Equals_IsGraphsExample()
    {
        var equals = FilterOperatorCatalog.Entra.Schemas.Single(schema => schema.Name == "EQUALS");

        equals.Arity.ShouldBe(ScopeOperatorType.Binary);
        equals.MultivaluedComparisonType.ShouldBe(ScopeOperatorMultiValuedComparisonType.All);
        equals.SupportedAttributeTypes.ShouldBe([AttributeType.Integer, AttributeType.String]);
    }

    [Theory]
    [InlineData("IS TRUE", ScopeOperatorType.Unary, new[] { AttributeType.Boolean })]
    [InlineData("IS FALSE", ScopeOperatorType.Unary, new[] { AttributeType.Boolean })]
    [InlineData("IS NULL", ScopeOperatorType.Unary, new[] { AttributeType.Integer, AttributeType.String, AttributeType.Binary, AttributeType.Boolean })]
    [InlineData("IS NOT NULL", ScopeOperatorType.Unary, new[] { AttributeType.Integer, AttributeType.String, AttributeType.Binary, AttributeType.Boolean })]
    [InlineData("NOT EQUALS", ScopeOperatorType.Binary, new[] { AttributeType.Integer, AttributeType.String })]
    [InlineData("REGEX MATCH", ScopeOperatorType.Binary, new[] { AttributeType.Integer, AttributeType.String })]
    [InlineData("NOT REGEX MATCH", ScopeOperatorType.Binary, new[] { AttributeType.Integer, AttributeType.String })]
    [InlineData("Greater_Than", ScopeOperatorType.Binary, new[] { AttributeType.Integer })]
    [InlineData("Greater_Than_OR_EQUALS", ScopeOperatorType.Binary, new[] { AttributeType.Integer })]
    public void Schemas_Operator_HasGraphsArityAndTypes(string name, ScopeOperatorType arity, AttributeType[] types)
    {
        var schema = FilterOperatorCatalog.Entra.Schemas.Single(candidate => candidate.Name == name);

        schema.Arity.ShouldBe(arity);
        schema.SupportedAttributeTypes.ShouldBe(types);
    }

    [Theory]
    [InlineData("EQUALS", "EQUALS")]
    [InlineData("equals", "EQUALS")]
    [InlineData("NOT_EQUALS", "NOT EQUALS")]
    [InlineData("regex_match", "REGEX MATCH")]
    [InlineData("NOT_REGEX_MATCH", "NOT REGEX MATCH")]
    [InlineData("IS_NOT_NULL", "IS NOT NULL")]
    [InlineData("GREATER_THAN", "Greater_Than")]
    [InlineData("Greater Than Or Equals", "Greater_Than_OR_EQUALS")]
    [InlineData("ends with", "ENDS_WITH")]
    [InlineData("INCLUDES", "Includes")]
    [InlineData(" & ", "&")]
    [InlineData("!&", "!&")]
    public void TryGet_PortalOrUnderscoreSpellingAnyCase_FindsCanonicalOperator(string spelling, string canonical)
    {
        FilterOperatorCatalog.Entra.TryGet(spelling, out var found).ShouldBeTrue();
        found.Name.ShouldBe(canonical);
    }

    [Theory]
    [InlineData("CONTAINS")]
    [InlineData("Less_Than")]
    [InlineData("STARTS_WITH")]
    [InlineData("NOTEQUALS")]
    [InlineData("")]
    [InlineData(null)]
    public void TryGet_NoSuchOperator_ReturnsFalse(string? spelling)
    {
        FilterOperatorCatalog.Entra.TryGet(spelling, out _).ShouldBeFalse();
    }
}
