using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Scoping;

namespace Provisio.Synchronization.Tests.Scoping;

/// <summary>
/// Properties of scoping (STYLE §6): any clause, valid or not, on any value yields a result with a reason and never
/// throws; the validator and the evaluator agree on which clauses are invalid; groups OR and clauses AND.
/// </summary>
public sealed class ScopingFilterProperties
{
    [Property(MaxTest = 3000)]
    public Property Evaluate_AnyClauseOnAnyValue_YieldsAResultAndNeverThrows() =>
        Prop.ForAll(Generators.Clauses, Generators.Values, (clause, value) =>
        {
            var filter = new Filter { Groups = [new FilterGroup { Name = "G", Clauses = [clause] }] };
            var source = new AttributeBag().Set(clause.SourceOperandName ?? "x", value);

            var evaluator = Should.NotThrow(() => ScopingFilterEvaluator.Compile(filter));
            var result = Should.NotThrow(() => evaluator.Evaluate(source));
            var errors = Should.NotThrow(() => ScopingFilterValidator.Validate(filter));

            var outcome = result.Groups.ShouldHaveSingleItem().Clauses.ShouldHaveSingleItem();
            outcome.Reason.ShouldNotBeNullOrWhiteSpace();
            outcome.Passed.ShouldBe(outcome.Outcome == ClauseOutcome.Satisfied);
            result.Passed.ShouldBe(outcome.Passed);
            outcome.EvaluationKey.ShouldStartWith("G.");
            (outcome.Outcome == ClauseOutcome.InvalidRule).ShouldBe(errors.Count == 1, $"errors: {string.Join("; ", errors)}");
            if (value.IsNullOrEmpty && outcome.Outcome != ClauseOutcome.InvalidRule)
            {
                // reference §4.2: false on null or empty, but for IS NULL.
                outcome.Passed.ShouldBe(outcome.OperatorName == "IS NULL");
            }

            using var json = JsonDocument.Parse(result.ScopeEvaluationResult);
            json.RootElement.EnumerateObject().ShouldHaveSingleItem().Value.GetBoolean().ShouldBe(outcome.Passed);
        });

    [Property(MaxTest = 300)]
    public Property Evaluate_SeveralGroups_PassesWhenAnyGroupHasAllClausesPassing() =>
        Prop.ForAll(Generators.Filters, Generators.Values, (filter, value) =>
        {
            var source = new AttributeBag().Set("department", value).Set("employeeId", value);

            var result = ScopingFilterEvaluator.Compile(filter).Evaluate(source);

            result.Groups.Count.ShouldBe(filter.Groups.Count);
            result.Passed.ShouldBe(filter.Groups.Count == 0 || result.Groups.Any(group => group.Clauses.All(clause => clause.Passed)));
        });

    [Property(MaxTest = 1000)]
    public Property Decide_AnyFacts_ActsConsistentlyWithScope() =>
        Prop.ForAll(Generators.Facts, Arb.From(Gen.Elements(true, false)), (facts, passes) =>
        {
            var filter = passes ? ScopingFilterResult.NoFilter : new ScopingFilterResult { Passed = false, ScopeEvaluationResult = "{}" };

            var decision = Should.NotThrow(() => ProvisioningScope.Decide(facts, filter));

            // reference §1.5: in scope = active, effectively entitled and passing the filter.
            decision.IsInScope.ShouldBe(decision.IsActive && decision.IsEffectivelyEntitled && passes);
            decision.IsSoftDeleted.ShouldBe(!decision.IsInScope);
            decision.Action.ShouldBe(decision.IsInScope ? ScopeAction.Provision
                : !facts.WasInScope || (facts.SkipOutOfScopeDeletions && decision.IsActive) ? ScopeAction.Skip : ScopeAction.Disable);
            (decision.SkipReason is not null).ShouldBe(decision.Action == ScopeAction.Skip);
            (decision.Description is null).ShouldBe(decision.IsInScope);
            decision.Details.Keys.ShouldBe([ScopingStep.IsActive, ScopingStep.Assigned, ScopingStep.IsEffectivelyEntitledForProvisioning,
                ScopingStep.IsInProvisioningScopeDisplayName, ScopingStep.ScopeEvaluationResult]);
            if (facts.SyncAll)
            {
                decision.IsEffectivelyEntitled.ShouldBeTrue();
            }
        });

    private static class Generators
    {
        private static readonly string[] OperatorNames =
        [
            .. FilterOperatorCatalog.Entra.Operators.Select(op => op.Name),
            "NOT_EQUALS", "regex_match", "GREATER_THAN", "is not null", "CONTAINS", "Less_Than", "", " ", "&&", "!",
        ];

        private static readonly string[] Attributes = ["department", "employeeId", "jobTitle", "manager", "", "x y", "Δ"];

        private static readonly string[] Pieces =
        [
            "Sales", "sales", "1000000", "-1", "1.5", "true", "False", ".*", "^", "$", "(", ")", "[", "]", "\\", "\\@", "{2}",
            "?", "+", "*", "|", "é", "😀", "\"", "&", ",", " ", "\u0000", "\ud800",
        ];

        private static Gen<string> Text =>
            Gen.Frequency(
                (3, Gen.Elements(Pieces).ListOf().Select(parts => string.Concat(parts.Take(6)))),
                (1, Gen.Choose(0, 0xFFFF).Select(code => (char)code).ArrayOf().Select(chars => new string(chars.Take(12).ToArray()))));

        public static Arbitrary<FilterClause> Clauses { get; } = Arb.From(
            from operatorName in Gen.Elements(OperatorNames)
            from attribute in Gen.Elements(Attributes)
            from count in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Constant(1)), (1, Gen.Constant(2)))
            from values in Text.ArrayOf(count)
            select new FilterClause { OperatorName = operatorName, SourceOperandName = attribute, TargetOperand = new() { Values = values } });

        public static Arbitrary<ExpressionValue> Values { get; } = Arb.From(Gen.OneOf(
            Gen.Constant(ExpressionValue.Null),
            Text.Select(ExpressionValue.From),
            Gen.Elements(true, false).Select(ExpressionValue.From),
            Gen.Choose(-3_000_000, 3_000_000).Select(number => ExpressionValue.From((long)number)),
            Gen.Choose(-100, 100).Select(number => ExpressionValue.From(number / 4.0)),
            Gen.Choose(0, 20_000).Select(days => ExpressionValue.From(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(days))),
            Text.ArrayOf().Select(values => ExpressionValue.From((IReadOnlyList<string>)values.Take(3).ToArray()))));

        private static Gen<ApplicationAssignment> Assignment =>
            from direct in Gen.Elements(true, false)
            from security in Gen.Elements(true, false)
            from member in Gen.Elements(true, false)
            from role in Gen.Elements(ApplicationAssignment.DefaultAccess, Guid.Parse("7c4a2b7e-2f0e-4c5e-9d53-64c1b1f0a001"))
            select direct ? ApplicationAssignment.Direct(role) : ApplicationAssignment.ThroughGroup("g", security, member, role);

        public static Arbitrary<EntitlementFacts> Facts { get; } = Arb.From(
            from type in Gen.Elements("User", "Group", "user")
            from flags in Gen.Elements(true, false).ArrayOf(6)
            from assignments in Assignment.ArrayOf().Select(all => all.Take(3).ToArray())
            select new EntitlementFacts
            {
                ObjectTypeName = type,
                SyncAll = flags[0],
                AccountEnabled = flags[1],
                SoftDeleted = flags[2],
                DefaultAccessEntitled = flags[3],
                WasInScope = flags[4],
                SkipOutOfScopeDeletions = flags[5],
                Assignments = assignments,
            });

        public static Arbitrary<Filter> Filters { get; } = Arb.From(
            from groups in (
                from name in Gen.Elements("A", "B", "C")
                from clauses in Clauses.Generator.ArrayOf().Select(all => all.Take(3).ToArray())
                select new FilterGroup { Name = name, Clauses = clauses }).ArrayOf()
            select new Filter { Groups = groups.Take(4).ToArray() });
    }
}
