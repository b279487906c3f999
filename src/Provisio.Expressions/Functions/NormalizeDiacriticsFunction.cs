using System.Globalization;
using System.Text;
using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// NormalizeDiacritics(source): letters with diacritics become plain letters (<c>Zoë</c> → <c>Zoe</c>, <c>ä</c> →
/// <c>a</c>, not <c>ae</c>). Decomposition (FormD) drops the combining marks; the letters that do not decompose are
/// mapped as the documented table says: <c>ß→ss</c>, <c>æ→ae</c>, <c>ø→oe</c>, <c>ł→l</c>, <c>ı→i</c>, and <c>œ→oe</c>
/// where the table is silent (reference A.3 NormalizeDiacritics). Plain ASCII is returned without copying.
/// </summary>
internal sealed class NormalizeDiacriticsFunction : ExpressionFunction
{
    public override string Name => "NormalizeDiacritics";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("source")];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var value = arguments[0](scope);
        if (value.Kind == ExpressionValueKind.String && Ascii.IsValid(value.AsString()))
        {
            return value;
        }

        return MapText(value, Normalize);
    }

    internal static string Normalize(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length + 4);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            switch (c)
            {
                case 'ß': builder.Append("ss"); break;
                case 'æ': builder.Append("ae"); break;
                case 'Æ': builder.Append("AE"); break;
                case 'ø': builder.Append("oe"); break;
                case 'Ø': builder.Append("OE"); break;
                case 'œ': builder.Append("oe"); break;
                case 'Œ': builder.Append("OE"); break;
                case 'ł': builder.Append('l'); break;
                case 'Ł': builder.Append('L'); break;
                case 'ı': builder.Append('i'); break;
                case 'đ': builder.Append('d'); break;
                case 'Đ': builder.Append('D'); break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
