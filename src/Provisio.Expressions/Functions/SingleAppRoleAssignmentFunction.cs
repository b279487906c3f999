using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// SingleAppRoleAssignment([appRoleAssignments]): one role's value as a string. With several roles "there's no
/// guarantee which role is provisioned" (CAA); Provisio takes the first, so the choice is stable.
/// </summary>
internal sealed class SingleAppRoleAssignmentFunction : ExpressionFunction
{
    public override string Name => "SingleAppRoleAssignment";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("appRoleAssignments", FunctionParameterType.Attribute)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var roles = arguments[0](scope).AsAppRoleAssignments();
        return roles.Count == 0 ? ExpressionValue.Null : ExpressionValue.From(roles[0].Value);
    }
}
