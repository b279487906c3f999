using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// AppRoleAssignments([appRoleAssignments]): listed by Graph's function list with no documented semantics
/// (reference A.3); Provisio returns the assignments unchanged, as AppRoleAssignmentsComplex does.
/// </summary>
internal sealed class AppRoleAssignmentsFunction : ExpressionFunction
{
    public override string Name => "AppRoleAssignments";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("source", FunctionParameterType.Attribute)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope) =>
        AppRoleAssignmentsComplexFunction.ToAssignments(arguments[0](scope));
}
