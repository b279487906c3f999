using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Scoping;

namespace Provisio.Synchronization.Tests.Scoping;

/// <summary>Builders for scoping tests: clauses, groups, filters, and one-clause evaluations.</summary>
internal static class Scoping
{
    public static FilterClause Clause(string attribute, string operatorName, params string[] values) =>
        new() { SourceOperandName = attribute, OperatorName = operatorName, TargetOperand = new() { Values = values } };

    public static FilterGroup Group(string name, params FilterClause[] clauses) => new() { Name = name, Clauses = clauses };

    public static Filter Filter(params FilterGroup[] groups) => new() { Groups = groups };

    /// <summary>One clause in a group named "Test" against an object whose <paramref name="attribute"/> holds <paramref name="value"/>.</summary>
    public static FilterClauseResult Judge(string attribute, ExpressionValue value, string operatorName, params string[] values)
    {
        var source = new AttributeBag().Set(attribute, value);
        var result = ScopingFilterEvaluator.Compile(Filter(Group("Test", Clause(attribute, operatorName, values)))).Evaluate(source);
        return result.Groups.ShouldHaveSingleItem().Clauses.ShouldHaveSingleItem();
    }

    /// <summary>A text value; null is an absent attribute.</summary>
    public static ExpressionValue Text(string? value) => ExpressionValue.From(value);

    public static ExpressionValue Many(params string[] values) => ExpressionValue.From(values);
}
