using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Functions;

/// <summary>
/// RandomString(Length, MinimumNumbers, MinimumSpecialCharacters, MinimumCapital, MinimumLowerCase, CharactersToAvoid):
/// a random string from a cryptographic generator with at least the asked numbers of each class, none of the
/// characters to avoid, at most 256 characters; special characters are Windows password complexity's (reference A.3).
/// </summary>
internal sealed class RandomStringFunction : ExpressionFunction
{
    private const string Digits = "0123456789";
    private const string Capitals = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Specials = "~!@#$%^&*_-+=`|\\(){}[]:;\"'<>,.?/";

    public override string Name => "RandomString";

    public override bool IsVolatile => true;

    public override IReadOnlyList<FunctionParameter> Parameters { get; } =
    [
        new("Length", FunctionParameterType.Integer), new("MinimumNumbers", FunctionParameterType.Integer),
        new("MinimumSpecialCharacters", FunctionParameterType.Integer), new("MinimumCapital", FunctionParameterType.Integer),
        new("MinimumLowerCase", FunctionParameterType.Integer), FunctionParameter.Optional("CharactersToAvoid"),
    ];

    protected override ExpressionValue Invoke(ReadOnlySpan<Evaluator> arguments, in EvaluationScope scope)
    {
        var length = ReadInteger(arguments, 0, scope);
        Span<long> minimums = [ReadInteger(arguments, 1, scope), ReadInteger(arguments, 2, scope), ReadInteger(arguments, 3, scope), ReadInteger(arguments, 4, scope)];
        var avoid = arguments.Length > 5 ? ReadString(arguments, 5, scope) ?? string.Empty : string.Empty;
        if (length is < 1 or > 256)
        {
            throw Fail(ExpressionErrorCodes.InvalidArgument, $"Length must be between 1 and 256 but was {length}.");
        }

        long required = 0;
        foreach (var minimum in minimums)
        {
            if (minimum is < 0 or > 256)
            {
                throw Fail(ExpressionErrorCodes.InvalidArgument, $"each minimum must be between 0 and 256 but one was {minimum}.");
            }

            required += minimum;
        }

        if (required > length)
        {
            throw Fail(ExpressionErrorCodes.InvalidArgument,
                $"Length {length} is less than the {required} characters the minimums require.");
        }

        string[] pools = [Without(Digits, avoid), Without(Specials, avoid), Without(Capitals, avoid), Without(Lower, avoid)];
        var all = string.Concat(pools);
        var characters = new char[length];
        var position = 0;
        for (var pool = 0; pool < pools.Length; pool++)
        {
            if (minimums[pool] > 0 && pools[pool].Length == 0)
            {
                throw Fail(ExpressionErrorCodes.InvalidArgument, "CharactersToAvoid removes every character of a required class.");
            }

            for (var i = 0; i < minimums[pool]; i++)
            {
                characters[position++] = pools[pool][scope.Environment.NextRandom(pools[pool].Length)];
            }
        }

        while (position < length)
        {
            characters[position++] = all[scope.Environment.NextRandom(all.Length)];
        }

        for (var i = characters.Length - 1; i > 0; i--)
        {
            var j = scope.Environment.NextRandom(i + 1);
            (characters[i], characters[j]) = (characters[j], characters[i]);
        }

        return ExpressionValue.From(new string(characters));
    }

    private static string Without(string pool, string avoid) =>
        avoid.Length == 0 ? pool : string.Concat(pool.Where(c => !avoid.Contains(c, StringComparison.Ordinal)));
}
