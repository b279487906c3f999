using System.Globalization;
using System.Text;
using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// PCase(source, wordSeparators): each word's first letter upper-case, the rest lower-case. Without separators it is
/// .NET's ToTitleCase applied to the lower-cased text (ToTitleCase alone keeps all-capital words); with separators
/// only those characters start a word (reference A.3 PCase: <c>PCase([lastName]," '-")</c> gives <c>Pinto-De'Silva</c>).
/// </summary>
internal sealed class PCaseFunction : ExpressionFunction
{
    public override string Name => "PCase";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } = [new("source"), FunctionParameter.Optional("wordSeparators")];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var value = arguments[0](scope);
        var separators = arguments.Length > 1 ? ReadString(arguments, 1, scope) : null;
        return string.IsNullOrEmpty(separators)
            ? MapText(value, text => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(text.ToLowerInvariant()))
            : MapText(value, text => WithSeparators(text, separators));
    }

    private static string WithSeparators(string text, string separators)
    {
        var builder = new StringBuilder(text.Length);
        var startOfWord = true;
        foreach (var c in text)
        {
            builder.Append(startOfWord ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            startOfWord = separators.Contains(c, StringComparison.Ordinal);
        }

        return builder.ToString();
    }
}
