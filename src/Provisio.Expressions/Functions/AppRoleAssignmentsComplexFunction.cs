using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// AppRoleAssignmentsComplex([appRoleAssignments]): every role of the user, for a multi-valued <c>roles</c> target;
/// the export shapes them as <c>{primary:false, type:"WindowsAzureActiveDirectoryRole", displayName, value}</c>
/// (reference A.3, B.6.7).
/// </summary>
internal sealed class AppRoleAssignmentsComplexFunction : ExpressionFunction
{
    public override string Name => "AppRoleAssignmentsComplex";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("appRoleAssignments", FunctionParameterType.Attribute)];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope) =>
        ToAssignments(arguments[0](scope));

    internal static ExpressionValue ToAssignments(in ExpressionValue value) => value.IsNull
        ? ExpressionValue.Null
        : ExpressionValue.From(value.AsAppRoleAssignments());
}
