namespace Provisio.Expressions.Syntax;

/// <summary>A place in the expression text.</summary>
/// <remarks>Offset is 0-based; Line and Column are 1-based, as an editor shows them.</remarks>
public readonly record struct TextPosition(int Offset, int Line, int Column)
{
    public static TextPosition Start { get; } = new(0, 1, 1);

    /// <summary>How messages name the place: "column 5" on a one-line expression, "line 2, column 5" after a newline.</summary>
    public string Describe() => Line > 1 ? $"line {Line}, column {Column}" : $"column {Column}";

    /// <summary>Computes line and column of <paramref name="offset"/> in <paramref name="text"/>.</summary>
    public static TextPosition At(string text, int offset)
    {
        ArgumentNullException.ThrowIfNull(text);
        offset = Math.Clamp(offset, 0, text.Length);
        int line = 1, column = 1;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new TextPosition(offset, line, column);
    }
}
