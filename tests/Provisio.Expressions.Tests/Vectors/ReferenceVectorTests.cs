using Provisio.Expressions.Compilation;
using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Tests.Vectors;

/// <summary>
/// Every deterministic example of reference entra-expressions-and-scim A.3 and A.5, evaluated exactly as the
/// reference states it; where the documentation is wrong, Entra's real (.NET) behaviour, as the test name says.
/// </summary>
public sealed class ReferenceVectorTests
{
    public static TheoryData<string> Functions => ExpressionVector.From("functions");

    public static TheoryData<string> DiacriticTable => ExpressionVector.From("normalize-diacritics");

    public static TheoryData<string> Secondary => ExpressionVector.From("secondary");

    public static TheoryData<string> DocumentationErrors => ExpressionVector.From("documentation-errors");

    public static TheoryData<string> Unsupported => ExpressionVector.From("errors");

    public static TheoryData<string> DeliberateDifferences => ExpressionVector.From("deliberate-differences");

    [Theory]
    [MemberData(nameof(Functions))]
    public void Function_DocumentedExample_EvaluatesAsDocumented(string id) => Verify(ExpressionVector.Get(id));

    [Theory]
    [MemberData(nameof(DiacriticTable))]
    public void NormalizeDiacritics_DocumentedTableCell_MapsToItsLetters(string id) => Verify(ExpressionVector.Get(id));

    [Theory]
    [MemberData(nameof(Secondary))]
    public void WorkdayAndSuccessFactorsGuide_Example_EvaluatesAsComputed(string id) => Verify(ExpressionVector.Get(id));

    [Theory]
    [MemberData(nameof(DocumentationErrors))]
    public void DocumentationError_DocOutputIsWrong_FollowsEntrasRealBehaviour(string id)
    {
        var vector = ExpressionVector.Get(id);
        vector.DocumentedOutput.ShouldNotBeNull();
        var actual = Verify(vector);
        actual.ShouldNotBe(vector.DocumentedOutput, $"{id}: the documented output is the wrong one");
    }

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void UnsupportedForm_DocumentedAsUnsupported_FailsWithClassifiedError(string id) => Verify(ExpressionVector.Get(id));

    [Theory]
    [MemberData(nameof(DeliberateDifferences))]
    public void DeliberateDifference_EntraFailsThisIifForm_ProvisioEvaluatesItAsSeed000Recommends(string id) =>
        Verify(ExpressionVector.Get(id));

    private static string? Verify(ExpressionVector vector)
    {
        var compiled = ExpressionCompiler.Compile(vector.Expression);
        var environment = vector.Now is { } now ? ExpressionEnvironment.At(now) : ExpressionEnvironment.Default;
        if (!compiled.Succeeded)
        {
            vector.ExpectedErrorCode.ShouldBe(compiled.Error.Code, $"{vector}: did not compile: {compiled.Error.Message}");
            return null;
        }

        var result = compiled.Expression.Evaluate(vector.Attributes, environment);
        if (vector.ExpectedErrorCode is { } code)
        {
            result.Succeeded.ShouldBeFalse($"{vector}: expected error {code} but got {result.Value}");
            result.Error.Code.ShouldBe(code);
            return null;
        }

        result.Succeeded.ShouldBeTrue($"{vector}: {result.Error?.Message}");
        if (vector.ExpectsDropped)
        {
            result.IsAttributeFlowIgnored.ShouldBeTrue($"{vector}: expected the attribute dropped from the flow but got {result.Value}");
            return null;
        }

        vector.ExpectsValue.ShouldBeTrue();
        result.IsAttributeFlowIgnored.ShouldBeFalse($"{vector}: the attribute was dropped from the flow");
        var actual = ExpressionVector.Canonical(ExpressionVector.ToJson(result.Value));
        actual.ShouldBe(ExpressionVector.Canonical(vector.ExpectedValue), vector.ToString());
        return actual;
    }
}
