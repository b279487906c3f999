using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// Word(String, WordNumber, Delimiters): the WordNumber-th (1-based) word, words separated by any of the delimiter
/// characters, consecutive delimiters making no empty words; out of range or null gives "" (reference A.3 Word).
/// </summary>
internal sealed class WordFunction : ExpressionFunction
{
    public override string Name => "Word";

    public override IReadOnlyList<FunctionParameter> Parameters { get; } =
        [new("String"), new("WordNumber", FunctionParameterType.Integer), new("Delimiters")];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var text = ReadString(arguments, 0, scope);
        var number = ReadInteger(arguments, 1, scope);
        var delimiters = ReadString(arguments, 2, scope) ?? " ";
        if (text is null || number < 1)
        {
            return ExpressionValue.Empty;
        }

        var words = text.Split(delimiters.ToCharArray(), StringSplitOptions.RemoveEmptyEntries);
        return number > words.Length ? ExpressionValue.Empty : ExpressionValue.From(words[number - 1]);
    }
}
