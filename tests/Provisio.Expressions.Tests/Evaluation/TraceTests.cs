using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Tests.Evaluation;

public sealed class TraceTests
{
    [Fact]
    public void Evaluate_WithTrace_RecordsEachCallWithArgumentsAndResult()
    {
        var compiled = Evaluate.Compiled("ToLower(Join(\".\", [givenName], [surname]))");
        var trace = new ExpressionTrace();

        var result = compiled.Evaluate(new AttributeBag().Set("givenName", "Ana").Set("surname", "Souza"), null, trace);

        result.Value.AsString().ShouldBe("ana.souza");
        var calls = trace.Calls.OrderBy(call => call.Sequence).ToList();
        calls.Select(call => (call.Function, call.Depth)).ShouldBe([("ToLower", 0), ("Join", 1)]);
        calls[1].Arguments.Select(argument => argument?.AsString()).ShouldBe([".", "Ana", "Souza"]);
        calls[1].Result!.Value.AsString().ShouldBe("Ana.Souza");
        calls[0].Result!.Value.AsString().ShouldBe("ana.souza");
    }

    [Fact]
    public void Evaluate_WithTrace_BranchNotTakenIsNotEvaluated()
    {
        var compiled = Evaluate.Compiled("IIF([country]=\"USA\", Append(\"a\", \"b\"), Append(\"c\", \"d\"))");
        var trace = new ExpressionTrace();

        compiled.Evaluate(new AttributeBag().Set("country", "USA"), null, trace);

        var iif = trace.Calls.Single(call => call.Function == "IIF");
        iif.Arguments[1].ShouldNotBeNull();
        iif.Arguments[2].ShouldBeNull();
        trace.Calls.Count(call => call.Function == "Append").ShouldBe(1);
    }

    [Fact]
    public void Evaluate_WithTraceAndFailure_RecordsTheFailingCall()
    {
        var compiled = Evaluate.Compiled("Join(\" \", CDate([hireDate]))");
        var trace = new ExpressionTrace();

        var result = compiled.Evaluate(new AttributeBag().Set("hireDate", "soon"), null, trace);

        result.Error!.Code.ShouldBe(ExpressionErrorCodes.InvalidDate);
        trace.Calls.Single(call => call.Function == "CDate").Error!.Code.ShouldBe(ExpressionErrorCodes.InvalidDate);
    }
}
