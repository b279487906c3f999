using System.Runtime.CompilerServices;
using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// Join(separator, source1, source2, ...): the sources' values with the separator between them; every value of a
/// multi-valued source is joined; null and empty sources are skipped, so no separator doubles
/// (reference A.3 Join: <c>Join(", ", "", [surname], [givenName])</c> is <c>Doe, John</c>). All sources null gives null.
/// A single non-empty value is returned as it is, without copying.
/// </summary>
internal sealed class JoinFunction : ExpressionFunction
{
    private const int StackLimit = 512;

    public override string Name => "Join";

    // A source may be left empty (Join(",", [a], , [b])): it is skipped like a null one.
    public override IReadOnlyList<FunctionParameter> Parameters { get; } =
        [new("separator"), new("source", Required: false, AllowMultipleOccurrences: true)];

    public override int MinimumArguments => 2;

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var separator = ReadString(arguments, 0, scope) ?? string.Empty;
        var sources = arguments.Length - 1;
        var buffer = default(ValueBuffer);
        Span<ExpressionValue> values = sources <= ValueBuffer.Capacity ? buffer : new ExpressionValue[sources];
        values = values[..sources];

        var pieces = 0;
        var length = 0;
        var anyValue = false;
        ExpressionValue single = default;
        for (var i = 0; i < sources; i++)
        {
            var value = arguments[i + 1](scope);
            values[i] = value;
            if (value.IsNull)
            {
                continue;
            }

            anyValue = true;
            if (value.Kind is ExpressionValueKind.MultiValued or ExpressionValueKind.AppRoleAssignments)
            {
                foreach (var item in value.AsList())
                {
                    if (!string.IsNullOrEmpty(item))
                    {
                        pieces++;
                        length += item.Length;
                        single = ExpressionValue.From(item);
                    }
                }
            }
            else if (value.AsString() is { Length: > 0 } text)
            {
                pieces++;
                length += text.Length;
                single = value.Kind == ExpressionValueKind.String ? value : ExpressionValue.From(text);
            }
        }

        if (pieces == 0)
        {
            return anyValue ? ExpressionValue.Empty : ExpressionValue.Null;
        }

        if (pieces == 1)
        {
            return single;
        }

        var total = length + (separator.Length * (pieces - 1));
        Span<char> characters = total <= StackLimit ? stackalloc char[StackLimit] : new char[total];
        var written = 0;
        var first = true;
        foreach (var value in values)
        {
            if (value.IsNull)
            {
                continue;
            }

            if (value.Kind is ExpressionValueKind.MultiValued or ExpressionValueKind.AppRoleAssignments)
            {
                foreach (var item in value.AsList())
                {
                    Append(characters, ref written, ref first, separator, item);
                }
            }
            else
            {
                Append(characters, ref written, ref first, separator, value.AsString());
            }
        }

        return ExpressionValue.From(new string(characters[..written]));
    }

    private static void Append(Span<char> characters, ref int written, ref bool first, string separator, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (!first)
        {
            separator.CopyTo(characters[written..]);
            written += separator.Length;
        }

        text.CopyTo(characters[written..]);
        written += text.Length;
        first = false;
    }

    [InlineArray(Capacity)]
    private struct ValueBuffer
    {
        public const int Capacity = 8;

        private ExpressionValue _first;
    }
}
