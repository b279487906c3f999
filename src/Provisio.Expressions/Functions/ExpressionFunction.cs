using Provisio.Expressions.Evaluation;
using Provisio.Expressions.Syntax;

namespace Provisio.Expressions.Functions;

/// <summary>
/// One function of the language: its signature (for checking and for Graph's <c>schema/functions</c>), any rule of
/// its own the checker applies, and how it evaluates. Arguments arrive unevaluated so that IIF, Switch and Coalesce
/// evaluate only what they need.
/// </summary>
public abstract class ExpressionFunction
{
    public abstract string Name { get; }

    public abstract IReadOnlyList<FunctionParameter> Parameters { get; }

    /// <summary>Fewest arguments a call may pass (omitted arguments count: they hold a place).</summary>
    public virtual int MinimumArguments
    {
        get
        {
            var count = 0;
            for (var i = 0; i < Parameters.Count; i++)
            {
                if (Parameters[i].Required)
                {
                    count = i + 1;
                }
            }

            return count;
        }
    }

    /// <summary>Most arguments a call may pass; unbounded when the last parameter repeats.</summary>
    public virtual int MaximumArguments => Parameters.Count > 0 && Parameters[^1].AllowMultipleOccurrences
        ? int.MaxValue
        : Parameters.Count;

    /// <summary>The function's result does not depend only on its arguments (Now, Guid, RandomString).</summary>
    public virtual bool IsVolatile => false;

    /// <summary>The parameter an argument at <paramref name="index"/> binds to (repeating parameters take the rest).</summary>
    public virtual FunctionParameter ParameterAt(int index) =>
        index < Parameters.Count ? Parameters[index] : Parameters[^1];

    /// <summary>Rules of this function beyond its argument count; null when the call is valid.</summary>
    public virtual ExpressionError? Check(FunctionCall call, bool isTopLevel) => null;

    /// <summary>Builds the evaluator of a call; a function may prepare constants here (Replace compiles its regex).</summary>
    public virtual Evaluator Bind(BoundCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var arguments = call.Arguments;
        return (in EvaluationScope scope) => Invoke(arguments, scope);
    }

    /// <summary>Evaluates a call. Throw <see cref="ExpressionEvaluationException"/> (through <see cref="Fail"/>) to fail it.</summary>
    protected abstract ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope);

    /// <summary>The signature as the documentation writes it: <c>Left(String, NumChars)</c>.</summary>
    public string Signature => $"{Name}({string.Join(", ", Parameters.Select(p => p.AllowMultipleOccurrences ? p.Name + ", ..." : p.Name))})";

    internal ExpressionEvaluationException Fail(string code, string message) => new(code, $"{Name}: {message}");

    internal static ExpressionError CheckError(string code, TextPosition position, string message, string? expected = null) =>
        new(code, $"Check error ({position.Describe()}): {message}", position, expected);

    // Argument reading, shared by every function: conversions raise classified errors.

    internal string? ReadString(ReadOnlySpan<Evaluator> arguments, int index, in EvaluationScope scope) =>
        index < arguments.Length ? ToText(arguments[index](scope), index) : null;

    internal string? ToText(in ExpressionValue value, int index)
    {
        if (value.Kind == ExpressionValueKind.MultiValued && value.AsList().Count > 1)
        {
            throw Fail(ExpressionErrorCodes.MultipleValues,
                $"parameter '{ParameterAt(index).Name}' takes one value but received {value.AsList().Count}.");
        }

        if (value.Kind == ExpressionValueKind.AppRoleAssignments)
        {
            var roles = value.AsAppRoleAssignments();
            return roles.Count switch
            {
                0 => null,
                1 => roles[0].Value,
                _ => throw Fail(ExpressionErrorCodes.MultipleValues,
                    $"parameter '{ParameterAt(index).Name}' takes one value but received {roles.Count} role assignments."),
            };
        }

        return value.AsString();
    }

    internal long ReadInteger(ReadOnlySpan<Evaluator> arguments, int index, in EvaluationScope scope) =>
        ToInteger(arguments[index](scope), index);

    internal long ToInteger(in ExpressionValue value, int index)
    {
        switch (value.Kind)
        {
            case ExpressionValueKind.Integer:
                return value.AsInteger();
            case ExpressionValueKind.Decimal:
                return (long)Math.Truncate(value.AsDecimal());
            case ExpressionValueKind.Boolean:
                return value.AsBoolean() ? 1 : 0;
        }

        var text = ToText(value, index);
        if (text is not null && ValueConversion.TryParseNumber(text, out var number))
        {
            return (long)Math.Truncate(number);
        }

        throw Fail(ExpressionErrorCodes.NotANumber,
            $"parameter '{ParameterAt(index).Name}' must be a number but was {Describe(value)}.");
    }

    internal DateTime ToDate(in ExpressionValue value, int index)
    {
        if (value.Kind == ExpressionValueKind.DateTime)
        {
            return value.AsDateTime();
        }

        var text = ToText(value, index);
        if (text is not null && ValueConversion.TryParseDate(text, out var date))
        {
            return date;
        }

        throw Fail(ExpressionErrorCodes.InvalidDate,
            $"parameter '{ParameterAt(index).Name}' must be a date but was {Describe(value)}.");
    }

    internal static string Describe(in ExpressionValue value) => value.Kind switch
    {
        ExpressionValueKind.Null or ExpressionValueKind.Omitted => "null",
        _ => value.ToString(),
    };

    /// <summary>Applies a text transformation to a single value, or to each value of a multi-valued one.</summary>
    internal static ExpressionValue MapText(in ExpressionValue value, Func<string, string> transform)
    {
        if (value.Kind == ExpressionValueKind.MultiValued)
        {
            var values = value.AsList();
            var mapped = new string[values.Count];
            for (var i = 0; i < mapped.Length; i++)
            {
                mapped[i] = transform(values[i]);
            }

            return ExpressionValue.From(mapped);
        }

        var text = value.AsString();
        return text is null ? ExpressionValue.Null : ExpressionValue.From(transform(text));
    }

    public override string ToString() => Signature;
}
