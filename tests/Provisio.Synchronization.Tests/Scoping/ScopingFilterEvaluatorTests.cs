using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Scoping;
using static Provisio.Synchronization.Tests.Scoping.Scoping;

namespace Provisio.Synchronization.Tests.Scoping;

public sealed class ScopingFilterEvaluatorTests
{
    /// <summary>S4's portal sample: New York, Engineering, employee ID between 1,000,000 and 2,000,000, a job title.</summary>
    private static readonly Filter PortalSample = Filter(Group("New York engineers",
        Clause("state", "EQUALS", "New York"),
        Clause("department", "EQUALS", "Engineering"),
        Clause("employeeId", "Greater_Than_OR_EQUALS", "1000000"),
        Clause("employeeId", "REGEX MATCH", "^(1[0-9]{6}|2000000)$"),
        Clause("jobTitle", "IS NOT NULL")));

    private static AttributeBag NewYorkEngineer(string employeeId = "1500000", string? jobTitle = "Engineer") => new AttributeBag()
        .Set("state", "New York").Set("department", "Engineering").Set("employeeId", employeeId).Set("jobTitle", jobTitle);

    [Fact]
    public void Evaluate_NoFilter_EveryObjectPassesWithAnEmptyEvaluation()
    {
        var result = ScopingFilterEvaluator.Compile(null).Evaluate(AttributeBag.Empty);

        result.Passed.ShouldBeTrue();
        result.Groups.ShouldBeEmpty();
        result.ScopeEvaluationResult.ShouldBe("{}");
        ScopingFilterEvaluator.Compile(new Filter()).HasFilter.ShouldBeFalse();
    }

    [Theory]
    [InlineData("1500000", "Engineer", true)]
    [InlineData("1000000", "Engineer", true)]
    [InlineData("2000000", "Engineer", true)]
    [InlineData("2000001", "Engineer", false)]
    [InlineData("999999", "Engineer", false)]
    [InlineData("1500000", null, false)]
    public void Evaluate_PortalSampleGroup_AllClausesMustPass(string employeeId, string? jobTitle, bool passes)
    {
        var result = ScopingFilterEvaluator.Compile(PortalSample).Evaluate(NewYorkEngineer(employeeId, jobTitle));

        result.Passed.ShouldBe(passes);
    }

    [Fact]
    public void Evaluate_PortalSampleGroup_OneFailingClauseFailsTheGroupAndIsReported()
    {
        var user = NewYorkEngineer().Set("department", "engineering");

        var group = ScopingFilterEvaluator.Compile(PortalSample).Evaluate(user).Groups.ShouldHaveSingleItem();

        group.Passed.ShouldBeFalse();
        group.Clauses.Select(clause => clause.Passed).ShouldBe([true, false, true, true, true]);
        group.Clauses[1].Reason.ShouldBe("department is \"engineering\", which does not satisfy EQUALS \"Engineering\".");
    }

    [Fact]
    public void Evaluate_SeveralGroups_AnyPassingGroupPasses()
    {
        var filter = Filter(
            Group("Sales", Clause("department", "EQUALS", "Sales")),
            Group("Contractors", Clause("employeeType", "EQUALS", "Contractor"), Clause("companyName", "EQUALS", "Fabrikam")));
        var evaluator = ScopingFilterEvaluator.Compile(filter);

        evaluator.Evaluate(new AttributeBag().Set("department", "Sales")).Passed.ShouldBeTrue();
        evaluator.Evaluate(new AttributeBag().Set("employeeType", "Contractor").Set("companyName", "Fabrikam")).Passed.ShouldBeTrue();
        evaluator.Evaluate(new AttributeBag().Set("employeeType", "Contractor").Set("companyName", "Contoso")).Passed.ShouldBeFalse();
        evaluator.Evaluate(new AttributeBag().Set("department", "Support")).Passed.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_PassingFirstGroup_StillEvaluatesAndReportsEveryGroup()
    {
        var filter = Filter(Group("Sales", Clause("department", "EQUALS", "Sales")), Group("Titled", Clause("jobTitle", "IS NOT NULL")));

        var result = ScopingFilterEvaluator.Compile(filter).Evaluate(new AttributeBag().Set("department", "Sales"));

        result.Passed.ShouldBeTrue();
        result.Groups.Select(group => group.Passed).ShouldBe([true, false]);
        result.ScopeEvaluationResult.ShouldBe("""{"Sales.department EQUALS Sales":true,"Titled.jobTitle IS NOT NULL":false}""");
    }

    [Fact]
    public void Evaluate_GroupWithoutClauses_Passes()
    {
        // G-filterGroup: the group is true when all its clauses are satisfied; none are required here.
        ScopingFilterEvaluator.Compile(Filter(Group("Everyone"))).Evaluate(AttributeBag.Empty).Passed.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_ObservedLogClause_WritesEntrasScopeEvaluationResult()
    {
        // A provisioning log (learn.microsoft.com/answers/a/12571236): {"On-prem Owned Users.dirSyncEnabled IS TRUE": false}
        var filter = Filter(Group("On-prem Owned Users", Clause("dirSyncEnabled", "IS TRUE")));

        var result = ScopingFilterEvaluator.Compile(filter).Evaluate(new AttributeBag().Set("dirSyncEnabled", ExpressionValue.False));

        result.ScopeEvaluationResult.ShouldBe("""{"On-prem Owned Users.dirSyncEnabled IS TRUE":false}""");
    }

    [Fact]
    public void Evaluate_Clause_ShowsOnDemandTextActualValueAndReason()
    {
        var filter = Filter(Group("Sales only", Clause("department", "EQUALS", "sales")));

        var clause = ScopingFilterEvaluator.Compile(filter).Evaluate(new AttributeBag().Set("department", "Sales")).Groups[0].Clauses[0];

        // S6: "{scoping filter title} {scoping filter attribute} {scoping filter operator} {scoping filter value}"
        clause.Text.ShouldBe("Sales only department EQUALS sales");
        clause.EvaluationKey.ShouldBe("Sales only.department EQUALS sales");
        clause.SourceValue.ShouldBe(ExpressionValue.From("Sales"));
        clause.Passed.ShouldBeFalse();
        clause.Outcome.ShouldBe(ClauseOutcome.NotSatisfied);
        clause.Reason.ShouldBe("department is \"Sales\", which does not satisfy EQUALS \"sales\".");
    }

    [Fact]
    public void Evaluate_UnaryClause_TextHasNoValue()
    {
        var clause = Judge("jobTitle", ExpressionValue.Null, "IS NOT NULL");

        clause.Text.ShouldBe("Test jobTitle IS NOT NULL");
        clause.EvaluationKey.ShouldBe("Test.jobTitle IS NOT NULL");
        clause.Reason.ShouldBe("jobTitle is null or empty, and every clause but IS NULL is false on null or empty values.");
    }

    [Fact]
    public void Evaluate_Reasons_NameTheAttributeAndValue()
    {
        Judge("jobTitle", ExpressionValue.Null, "IS NULL").Reason.ShouldBe("jobTitle is null or empty, which satisfies IS NULL.");
        Judge("department", Text("Sales"), "EQUALS", "Sales").Reason.ShouldBe("department is \"Sales\", which satisfies EQUALS \"Sales\".");
        Judge("proxyAddresses", Many("a", "b"), "EQUALS", "a").Reason
            .ShouldBe("proxyAddresses is multi-valued ([\"a\", \"b\"]), and scoping filters don't support multi-valued attributes.");
        Judge("employeeId", Text("E12"), "Greater_Than", "5").Reason
            .ShouldBe("employeeId is \"E12\", not an integer, and Greater_Than compares integers only.");
        Judge("dirSyncEnabled", Text("yes"), "IS TRUE").Reason
            .ShouldBe("dirSyncEnabled is \"yes\", not a Boolean, and IS TRUE tests Boolean values only.");
        Judge("hireDate", ExpressionValue.From(new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc)), "IS NOT NULL").Reason
            .ShouldBe("hireDate is 5/1/2024 12:00:00 AM, a date, and scoping filters don't support date attributes.");
    }

    [Fact]
    public void Evaluate_TextWithQuotesAndAmpersands_KeysAreWrittenAsTheyAre()
    {
        var filter = Filter(Group("R&D \"core\"", Clause("department", "&", "R&D,Ops")));

        var result = ScopingFilterEvaluator.Compile(filter).Evaluate(new AttributeBag().Set("department", "R&D"));

        result.Passed.ShouldBeTrue();
        result.ScopeEvaluationResult.ShouldBe("""{"R&D \"core\".department & R&D,Ops":true}""");
    }

    [Fact]
    public void Evaluate_InvalidClause_IsFalseAndCarriesTheValidatorsMessage()
    {
        var evaluator = ScopingFilterEvaluator.Compile(Filter(Group("Broken", Clause("employeeId", "Greater_Than", "abc"))));

        var clause = evaluator.Evaluate(new AttributeBag().Set("employeeId", "5")).Groups[0].Clauses[0];

        clause.Outcome.ShouldBe(ClauseOutcome.InvalidRule);
        clause.SourceValue.ShouldBe(ExpressionValue.From("5"));
        clause.Reason.ShouldBe(evaluator.Problems.ShouldHaveSingleItem().Message);
    }

    [Fact]
    public void Evaluate_AttributeNamesIgnoreCase_AsEntrasBuiltInAttributesDo()
    {
        var filter = Filter(Group("Sales", Clause("Department", "EQUALS", "Sales")));

        ScopingFilterEvaluator.Compile(filter).Evaluate(new AttributeBag().Set("department", "Sales")).Passed.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_OneCompiledFilter_ServesConcurrentObjects()
    {
        var evaluator = ScopingFilterEvaluator.Compile(PortalSample);

        var results = Enumerable.Range(0, 2000).AsParallel()
            .Select(i => (i, evaluator.Evaluate(NewYorkEngineer((999_000 + i * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture))).Passed))
            .ToArray();

        results.ShouldAllBe(result => result.Passed == (result.i >= 1 && result.i <= 1001));
    }

    [Fact]
    public void CompileInputFilter_ReadsInputFilterGroups()
    {
        var filter = new Filter { InputFilterGroups = [Group("Input", Clause("department", "EQUALS", "Sales"))] };

        ScopingFilterEvaluator.Compile(filter).HasFilter.ShouldBeFalse();
        ScopingFilterEvaluator.CompileInputFilter(filter).Evaluate(new AttributeBag().Set("department", "Support")).Passed.ShouldBeFalse();
        ScopingFilterEvaluator.CompileCategoryFilter(filter).HasFilter.ShouldBeFalse();
    }
}
