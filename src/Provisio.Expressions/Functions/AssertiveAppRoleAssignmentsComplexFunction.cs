using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// AssertiveAppRoleAssignmentsComplex([appRoleAssignments]): as AppRoleAssignmentsComplex, but the export replaces
/// the target's roles so that roles no longer assigned are removed (reference A.3, CAA).
/// </summary>
internal sealed class AssertiveAppRoleAssignmentsComplexFunction : ExpressionFunction
{
    public override string Name => "AssertiveAppRoleAssignmentsComplex";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("appRoleAssignments", FunctionParameterType.Attribute)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope) =>
        AppRoleAssignmentsComplexFunction.ToAssignments(arguments[0](scope));
}
