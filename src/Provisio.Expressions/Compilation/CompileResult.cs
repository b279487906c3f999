using System.Diagnostics.CodeAnalysis;

namespace Provisio.Expressions.Compilation;

/// <summary>Either a compiled expression or the first syntax or check error, never both.</summary>
public readonly record struct CompileResult(CompiledExpression? Expression, ExpressionError? Error)
{
    [MemberNotNullWhen(true, nameof(Expression))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Expression is not null;
}
