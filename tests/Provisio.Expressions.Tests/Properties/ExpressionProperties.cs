using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Provisio.Expressions.Checking;
using Provisio.Expressions.Compilation;
using Provisio.Expressions.Evaluation;
using Provisio.Expressions.Functions;
using Provisio.Expressions.Syntax;

namespace Provisio.Expressions.Tests.Properties;

/// <summary>
/// Properties of the expression language (STYLE §6): printing then parsing round-trips; any text yields a tree or a
/// positioned error, never an exception; any checked tree evaluates to a value or an evaluation error, never a crash.
/// </summary>
public sealed class ExpressionProperties
{
    /// <summary>(1) Print, parse, print: the same tree and the same text.</summary>
    [Property(MaxTest = 2000)]
    public Property Print_RandomTree_ParsesBackToEqualTreeAndSameText() =>
        Prop.ForAll(SyntaxTrees.Arbitrary(SyntaxTrees.Syntactic), tree =>
        {
            var printed = ExpressionPrinter.Print(tree);
            var parsed = ExpressionParser.Parse(printed);
            parsed.Error.ShouldBeNull($"printed as {printed}");
            parsed.Tree!.SyntaxEquals(tree).ShouldBeTrue($"printed as {printed}, parsed back as {parsed.Tree}");
            ExpressionPrinter.Print(parsed.Tree).ShouldBe(printed);
        });

    /// <summary>(2) Any text given to the parser: a tree or an error positioned inside the text, never an exception.</summary>
    [Property(MaxTest = 2000)]
    public Property Parse_AnyText_ReturnsTreeOrPositionedError() =>
        Prop.ForAll(Texts.Arbitrary, text =>
        {
            var result = ExpressionParser.Parse(text);
            (result.Tree is null).ShouldNotBe(result.Error is null, "exactly one of tree and error");
            if (result.Error is { } error)
            {
                ShouldBePositionedIn(error, text);
            }
        });

    /// <summary>(2) Any text given to the compiler: a compiled expression or a positioned error, never an exception.</summary>
    [Property(MaxTest = 2000)]
    public Property Compile_AnyText_ReturnsExpressionOrPositionedError() =>
        Prop.ForAll(Texts.Arbitrary, text =>
        {
            var result = ExpressionCompiler.Compile(text);
            (result.Expression is null).ShouldNotBe(result.Error is null, "exactly one of expression and error");
            if (result.Error is { } error)
            {
                ShouldBePositionedIn(error, text);
            }
        });

    /// <summary>(3) A checked tree evaluates to a value or an evaluation error, traced or not; never InternalError.</summary>
    [Property(MaxTest = 2000)]
    public Property Evaluate_CheckedRandomTree_ReturnsValueOrErrorButNeverInternalError() =>
        Prop.ForAll(SyntaxTrees.Arbitrary(SyntaxTrees.Semantic), Attributes.Arbitrary, (tree, source) =>
        {
            if (ExpressionChecker.Check(tree) is not null)
            {
                return; // not a valid expression: the checker's business, covered elsewhere
            }

            var attributes = source.ToBag();
            var compiled = ExpressionCompiler.Compile(tree);
            compiled.Error.ShouldBeNull();
            var plain = compiled.Expression!.Evaluate(attributes, Environment);
            var traced = compiled.Expression.Evaluate(attributes, Environment, new ExpressionTrace());
            foreach (var result in new[] { plain, traced })
            {
                if (result.Error is { } error)
                {
                    error.Code.ShouldNotBe(ExpressionErrorCodes.InternalError, $"{tree} gave {error.Message}");
                }
            }

            (traced.Error?.Code).ShouldBe(plain.Error?.Code, $"traced and plain evaluations of {tree} differ");
        });

    /// <summary>Counterexamples property (3) found, shrunk, kept so that every run checks them.</summary>
    [Theory]
    [InlineData("FormatDateTime(\"2024-01-31\", \"0\", \"yyyy\")")]
    [InlineData("FormatDateTime(\"2024-01-31\", \"RoundtripKind, AssumeLocal\", \"yyyy-MM-dd\", \"yyyy\")")]
    [InlineData("FormatDateTime(\"2024-01-31\", \"AssumeLocal, AssumeUniversal\", \"yyyy-MM-dd\", \"yyyy\")")]
    [InlineData("RandomString(1, 9223372036854775807, 1, 0, 0)")]
    [InlineData("RandomString(1, \"9999999999999999999\", 0, 0, 3)")]
    [InlineData("DateDiff(\"ww\", \"0001-01-01\", \"0001-01-01\")")]
    public void Evaluate_ShrunkCounterexample_ReturnsValueOrErrorButNeverInternalError(string text)
    {
        // Arrange
        var compiled = ExpressionCompiler.Compile(text);
        compiled.Error.ShouldBeNull();

        // Act
        var result = compiled.Expression!.Evaluate(AttributeBag.Empty, Environment);

        // Assert
        (result.Error?.Code).ShouldNotBe(ExpressionErrorCodes.InternalError, result.Error?.Message);
    }

    private static readonly ExpressionEnvironment Environment = new()
    {
        TimeProvider = new FixedClock(new DateTimeOffset(2024, 1, 31, 9, 30, 0, TimeSpan.Zero)),
        DefaultDomain = "contoso.com",
        RandomInt32 = maximum => maximum / 2,
    };

    private static void ShouldBePositionedIn(ExpressionError error, string text)
    {
        error.Position.Offset.ShouldBeInRange(0, text.Length, error.ToString());
        error.Position.ShouldBe(TextPosition.At(text, error.Position.Offset), error.ToString());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>How a generated tree is shaped: any syntax (1), or mostly checkable calls over a small attribute pool (3).</summary>
    private sealed record TreeShape(bool Semantic, Gen<string> AttributeNames, Gen<string> Strings, Gen<string> Keywords);

    /// <summary>Random syntax trees of depth up to 4, with a shrinker that keeps them expressible.</summary>
    private static class SyntaxTrees
    {
        private const int MaximumDepth = 4;
        private const int MaximumArity = 5;

        private static readonly ExpressionFunction[] Functions = FunctionCatalog.Entra.Functions.ToArray();

        private static readonly string[] KnownKeywords = ["vbBinaryCompare", "vbTextCompare", "IgnoreAttributeFlow", "IgnoreObjectFlow"];

        private static readonly ComparisonOperator[] Operators = Enum.GetValues<ComparisonOperator>();

        public static TreeShape Syntactic { get; } = new(
            Semantic: false,
            AttributeNames: Text(Gen.Elements("abcxyzABCXYZ019_.".ToCharArray()), 1, 12),
            Strings: Gen.Frequency(
                (3, Text(Gen.Elements("\"\\\n\r\t ,()[]&=<>-.Ha1".ToCharArray()), 0, 10)),
                (3, Text(Gen.Choose(0, 0xFFFF).Select(code => (char)code), 0, 10)),
                (2, Text(Gen.Elements("abc XYZ\"\\".ToCharArray()), 0, 10))),
            Keywords: Gen.Frequency(
                (1, Gen.Elements(KnownKeywords)),
                (1, from first in Gen.Elements("abcXYZ_".ToCharArray())
                    from rest in Text(Gen.Elements("abcXYZ019_".ToCharArray()), 0, 8)
                    select first + rest)));

        public static TreeShape Semantic { get; } = new(
            Semantic: true,
            AttributeNames: Gen.Frequency((9, Gen.Elements(Attributes.Names)), (1, Gen.Constant("absentAttribute"))),
            Strings: Gen.Frequency(
                (4, Gen.Elements(Attributes.InterestingStrings)),
                (1, Gen.Elements(Attributes.NumberStrings)),
                (1, Gen.Elements(Attributes.DateStrings)),
                (1, Text(Gen.Elements("\"\\\n(){}[]*+?.|^$ab1-".ToCharArray()), 0, 8))),
            Keywords: Gen.Elements(KnownKeywords));

        public static Arbitrary<ExpressionNode> Arbitrary(TreeShape shape) =>
            Arb.From(from depth in Gen.Choose(0, MaximumDepth) from tree in Condition(shape, depth) select tree, Shrink);

        /// <summary>A value or, where a value is expected, a comparison of two values.</summary>
        private static Gen<ExpressionNode> Condition(TreeShape shape, int depth) => depth == 0
            ? Leaf(shape)
            : Gen.Frequency(
                (2, Leaf(shape)),
                (6, Call(shape, depth)),
                (1, from left in Value(shape, depth - 1)
                    from @operator in Gen.Elements(Operators)
                    from right in Value(shape, depth - 1)
                    select (ExpressionNode)new Comparison(left, @operator, right)));

        private static Gen<ExpressionNode> Value(TreeShape shape, int depth) =>
            depth == 0 ? Leaf(shape) : Gen.Frequency((1, Leaf(shape)), (1, Call(shape, depth)));

        private static Gen<ExpressionNode> Call(TreeShape shape, int depth) =>
            from function in Gen.Elements(Functions)
            from name in CaseOf(function.Name)
            from arity in Arity(shape, function)
            from arguments in Gen.CollectToArray(Enumerable.Range(0, arity), index => Argument(shape, function, index, depth))
            select (ExpressionNode)new FunctionCall(name, OnlyOmitted(arguments) ? [] : arguments);

        // "Name()" is a call without arguments: a call whose only argument is omitted has no text of its own.
        private static bool OnlyOmitted(ExpressionNode[] arguments) => arguments is [OmittedArgument];

        private static Gen<ExpressionNode> Argument(TreeShape shape, ExpressionFunction function, int index, int depth)
        {
            var omitted = Gen.Constant<ExpressionNode>(new OmittedArgument());
            if (!shape.Semantic)
            {
                return Gen.Frequency((1, omitted), (6, Condition(shape, depth - 1)));
            }

            var parameter = function.Parameters.Count == 0 ? null : function.ParameterAt(index);
            var value = Typed(shape, parameter?.Type ?? FunctionParameterType.String, depth - 1);
            return parameter is { Required: true } ? value : Gen.Frequency((1, omitted), (2, value));
        }

        /// <summary>Mostly values of the parameter's type, so that evaluation gets past argument conversion.</summary>
        private static Gen<ExpressionNode> Typed(TreeShape shape, FunctionParameterType type, int depth) => type switch
        {
            FunctionParameterType.Integer => Gen.Frequency(
                (3, Integers(shape).Select(value => (ExpressionNode)new NumberLiteral(value))),
                (1, Gen.Elements(Attributes.NumberStrings).Select(value => (ExpressionNode)new StringLiteral(value))),
                (2, Condition(shape, depth))),
            FunctionParameterType.DateTime => Gen.Frequency(
                (3, Gen.Elements(Attributes.DateStrings).Select(value => (ExpressionNode)new StringLiteral(value))),
                (1, Condition(shape, depth))),
            FunctionParameterType.Boolean => Gen.Frequency(
                (2, from left in Value(shape, depth)
                    from @operator in Gen.Elements(Operators)
                    from right in Value(shape, depth)
                    select (ExpressionNode)new Comparison(left, @operator, right)),
                (1, Gen.Elements("True", "False", "true", "1", "0", "yes").Select(value => (ExpressionNode)new StringLiteral(value))),
                (2, Condition(shape, depth))),
            _ => Condition(shape, depth),
        };

        private static Gen<int> Arity(TreeShape shape, ExpressionFunction function)
        {
            var any = Gen.Choose(0, MaximumArity);
            if (!shape.Semantic)
            {
                return any;
            }

            var maximum = Math.Min(function.MaximumArguments, function.MinimumArguments + 3);
            var fitting = Gen.Choose(function.MinimumArguments, maximum)
                .Select(count => function.Name == "Switch" && count % 2 == 1 ? count + 1 : count);
            return Gen.Frequency((9, fitting), (1, any));
        }

        private static Gen<string> CaseOf(string name) => Gen.Frequency(
            (4, Gen.Constant(name)),
            (1, Gen.Constant(name.ToUpperInvariant())),
            (1, Gen.Constant(name.ToLowerInvariant())));

        private static Gen<ExpressionNode> Leaf(TreeShape shape) => Gen.Frequency(
            (4, shape.AttributeNames.Select(name => (ExpressionNode)new AttributeReference(name))),
            (4, shape.Strings.Select(value => (ExpressionNode)new StringLiteral(value))),
            (3, Integers(shape).Select(value => (ExpressionNode)new NumberLiteral(value))),
            (1, Integers(shape).Select(value => (ExpressionNode)new NumberLiteral(value, isHexadecimal: true))),
            (1, Decimals.Select(value => (ExpressionNode)new NumberLiteral(value))),
            (1, shape.Keywords.Select(name => (ExpressionNode)new Keyword(name))));

        private static Gen<long> Integers(TreeShape shape) => Gen.Frequency(
            (shape.Semantic ? 12 : 4, Gen.Choose(-5, 40).Select(value => (long)value)),
            (2, Gen.Choose(int.MinValue, int.MaxValue).Select(value => (long)value)),
            (1, from high in Gen.Choose(int.MinValue, int.MaxValue)
                from low in Gen.Choose(int.MinValue, int.MaxValue)
                select ((long)high << 32) | (uint)low),
            (1, Gen.Elements(long.MinValue, long.MaxValue, 129699324000000000L, 0L, -1L)));

        /// <summary>Decimals as the grammar writes them: [-]digits.digits, parsed as the parser parses them.</summary>
        private static Gen<double> Decimals { get; } =
            from negative in Gen.Elements(false, true)
            from whole in Gen.Frequency(
                (4, Text(Gen.Elements("0123456789".ToCharArray()), 1, 6)),
                (1, Text(Gen.Elements("0123456789".ToCharArray()), 1, 24)))
            from fraction in Gen.Frequency(
                (4, Text(Gen.Elements("0123456789".ToCharArray()), 1, 4)),
                (1, Text(Gen.Elements("0000000001".ToCharArray()), 1, 24)))
            select double.Parse((negative ? "-" : string.Empty) + whole + "." + fraction, CultureInfo.InvariantCulture);

        private static Gen<string> Text(Gen<char> characters, int minimum, int maximum) =>
            from length in Gen.Choose(minimum, maximum)
            from chars in characters.ArrayOf(length)
            select new string(chars);

        /// <summary>Smaller trees that the grammar can still write: subtrees, fewer arguments, simpler leaves.</summary>
        private static IEnumerable<ExpressionNode> Shrink(ExpressionNode node)
        {
            switch (node)
            {
                case FunctionCall call:
                    foreach (var argument in call.Arguments.Where(argument => argument is not OmittedArgument))
                    {
                        yield return argument;
                    }

                    for (var i = 0; i < call.Arguments.Count; i++)
                    {
                        var fewer = call.Arguments.Where((_, index) => index != i).ToArray();
                        if (!OnlyOmitted(fewer))
                        {
                            yield return new FunctionCall(call.Name, fewer, call.Position);
                        }
                    }

                    for (var i = 0; i < call.Arguments.Count; i++)
                    {
                        if (call.Arguments.Count > 1 && call.Arguments[i] is not OmittedArgument)
                        {
                            yield return WithArgument(call, i, new OmittedArgument());
                        }

                        foreach (var smaller in Shrink(call.Arguments[i]))
                        {
                            yield return WithArgument(call, i, smaller);
                        }
                    }

                    break;
                case Comparison comparison:
                    yield return comparison.Left;
                    yield return comparison.Right;
                    foreach (var smaller in Shrink(comparison.Left).Where(IsValue))
                    {
                        yield return new Comparison(smaller, comparison.Operator, comparison.Right);
                    }

                    foreach (var smaller in Shrink(comparison.Right).Where(IsValue))
                    {
                        yield return new Comparison(comparison.Left, comparison.Operator, smaller);
                    }

                    break;
                case StringLiteral { Value.Length: > 0 } literal:
                    yield return new StringLiteral(string.Empty);
                    if (literal.Value.Length > 1)
                    {
                        yield return new StringLiteral(literal.Value[..(literal.Value.Length / 2)]);
                        yield return new StringLiteral(literal.Value[1..]);
                    }

                    break;
                case NumberLiteral { IsInteger: true, Integer: not 0 } number:
                    yield return new NumberLiteral(0, number.IsHexadecimal);
                    if (number.Integer is not (1 or -1))
                    {
                        yield return new NumberLiteral(number.Integer / 2, number.IsHexadecimal);
                    }

                    break;
                case AttributeReference { Name.Length: > 1 }:
                    yield return new AttributeReference("a");
                    break;
            }
        }

        private static bool IsValue(ExpressionNode node) => node is not (Comparison or OmittedArgument);

        private static FunctionCall WithArgument(FunctionCall call, int index, ExpressionNode argument)
        {
            var arguments = call.Arguments.ToArray();
            arguments[index] = argument;
            return new FunctionCall(call.Name, arguments, call.Position);
        }
    }

    /// <summary>Texts for the parser: arbitrary characters, the language's own tokens shuffled, and damaged valid expressions.</summary>
    private static class Texts
    {
        private static readonly string[] Tokens =
        [
            "(", ")", ",", "[", "]", "\"", "\\", "=", "<", ">", "<>", "<=", ">=", "&", "H", "&H", "-", ".",
            "0", "1", "7", "9", "F", "a", "x", "Z", "_", " ", "\t", "\n", "\r\n", "\u00a0",
            "Join", "IIF", "Replace", "Switch", "Left", "SelectUniqueValue", "vbTextCompare", "IgnoreAttributeFlow", "mail",
            "[mail]", "\"s\"", "\\\"", "\\\\",
        ];

        public static Arbitrary<string> Arbitrary { get; } = Arb.From(Generator, Shrink);

        private static Gen<string> Generator => Gen.Frequency(
            (2, from length in Gen.Choose(0, 40)
                from chars in Gen.Choose(0, 0xFFFF).Select(code => (char)code).ArrayOf(length)
                select new string(chars)),
            (4, from length in Gen.Choose(0, 40)
                from tokens in Gen.Elements(Tokens).ArrayOf(length)
                select string.Concat(tokens)),
            (2, from tree in SyntaxTrees.Arbitrary(SyntaxTrees.Syntactic).Generator
                from tokens in Gen.Shuffle(Tokenize(ExpressionPrinter.Print(tree)))
                select string.Concat(tokens)),
            (4, from tree in SyntaxTrees.Arbitrary(SyntaxTrees.Syntactic).Generator
                from damaged in Damage(ExpressionPrinter.Print(tree))
                select damaged),
            (1, from tree in SyntaxTrees.Arbitrary(SyntaxTrees.Syntactic).Generator
                from lines in Gen.Choose(0, 3)
                select Long(ExpressionPrinter.Print(tree), lines)));

        /// <summary>Halves, then one character less.</summary>
        private static IEnumerable<string> Shrink(string text)
        {
            if (text.Length > 1)
            {
                yield return text[..(text.Length / 2)];
                yield return text[(text.Length / 2)..];
            }

            for (var i = 0; i < text.Length && text.Length <= 200; i++)
            {
                yield return text.Remove(i, 1);
            }
        }

        /// <summary>Deletes, inserts or replaces one character or token of a valid expression.</summary>
        private static Gen<string> Damage(string text) =>
            from position in Gen.Choose(0, text.Length)
            from action in Gen.Choose(0, 2)
            from token in Gen.Elements(Tokens)
            select action switch
            {
                0 when position < text.Length => text.Remove(position, 1),
                1 => text.Insert(position, token),
                _ when position < text.Length => text.Remove(position, 1).Insert(position, token),
                _ => text + token,
            };

        /// <summary>More than 10,000 characters, over several lines.</summary>
        private static string Long(string text, int lines)
        {
            var builder = new StringBuilder();
            while (builder.Length <= ExpressionParser.MaximumLength)
            {
                builder.Append(text).Append(lines > 0 && builder.Length % 7 == 0 ? "\n" : " ");
            }

            return builder.ToString();
        }

        private static string[] Tokenize(string text)
        {
            var pieces = new List<string>();
            var current = new StringBuilder();
            foreach (var c in text)
            {
                if (char.IsLetterOrDigit(c))
                {
                    current.Append(c);
                    continue;
                }

                if (current.Length > 0)
                {
                    pieces.Add(current.ToString());
                    current.Clear();
                }

                pieces.Add(c.ToString());
            }

            if (current.Length > 0)
            {
                pieces.Add(current.ToString());
            }

            return [.. pieces];
        }
    }

    /// <summary>Source objects over a small pool of names: each attribute absent, a string, or multi-valued.</summary>
    private static class Attributes
    {
        public static readonly string[] Names = ["a", "b", "mail", "country", "passwordProfile.password"];

        public static readonly string[] NumberStrings =
        [
            "0", "1", "-1", "3", "42568.75", "2147483648", "-9223372036854775808", "99999999999999999999", "1E+300",
            "-1E+300", "NaN", "Infinity", "-0", "0.5", " 7 ", "&HF", "1,000",
        ];

        public static readonly string[] DateStrings =
        [
            "2024-01-31", "1/31/2024 9:30:00 AM", "20240131093000.0Z", "0001-01-01", "9999-12-31 23:59:59",
            "2024-01-31T09:30:00+14:00", "2024-02-30", "12/31/9999 11:59:59 PM", "1/1/0001 12:00:00 AM", "not a date",
        ];

        /// <summary>Texts that reach deep into the functions: intervals, formats, styles, cultures, regexes, separators.</summary>
        public static readonly string[] InterestingStrings =
        [
            "", " ", "abc", "John Doe", "x@contoso.com", "EN-US", "a,b;c", "Zoë Ärger", "  spaced  out ", "Default Assignment",
            "1", "0", "-3", "42568.75", "True", "False", "true", "129699324000000000",
            "yyyy", "q", "m", "y", "d", "w", "ww", "h", "n", "s",
            "yyyy-MM-dd", "yyyyMMddHHmmss.fZ", "M/d/yyyy h:mm:ss tt", "ddd, dd MMM yyyy", "fffffff", "K", "Z", "%", "'", "\\",
            "None", "AdjustToUniversal", "AssumeLocal, AdjustToUniversal", "RoundtripKind, AssumeLocal", "AssumeLocal, AssumeUniversal",
            "en-US", "tr-TR", "xx-not-a-culture",
            "(?<first>\\w+) (?<last>\\w+)", "first", "(?<digits>\\d+)", "digits", "(?<name>", "name", "[a-z]+", "\\d+",
            "@", "-", "_", ",",
        ];

        private static Gen<ExpressionValue> Value { get; } = Gen.Frequency(
            (2, Gen.Constant(ExpressionValue.Null)),
            (5, Gen.Elements(InterestingStrings).Select(ExpressionValue.From)),
            (1, Gen.Elements(NumberStrings).Select(ExpressionValue.From)),
            (1, Gen.Elements(DateStrings).Select(ExpressionValue.From)),
            (2, from count in Gen.Choose(0, 3)
                from items in Gen.Elements(InterestingStrings).ArrayOf(count)
                select ExpressionValue.From((IReadOnlyList<string>)items)));

        // After Value: static initializers run in the order they are written.
        public static Arbitrary<SourceObject> Arbitrary { get; } = Arb.From(
            from values in Gen.CollectToArray(Names, _ => Value)
            select new SourceObject(values),
            Shrink);

        /// <summary>The same object with one more attribute absent.</summary>
        private static IEnumerable<SourceObject> Shrink(SourceObject source)
        {
            for (var i = 0; i < source.Values.Length; i++)
            {
                if (!source.Values[i].IsNull)
                {
                    var values = source.Values.ToArray();
                    values[i] = ExpressionValue.Null;
                    yield return new SourceObject(values);
                }
            }
        }
    }

    /// <summary>The attributes of one generated source object, printed readably in a counterexample.</summary>
    private sealed record SourceObject(ExpressionValue[] Values)
    {
        public AttributeBag ToBag()
        {
            var bag = new AttributeBag();
            for (var i = 0; i < Attributes.Names.Length; i++)
            {
                bag.Set(Attributes.Names[i], Values[i]);
            }

            return bag;
        }

        public override string ToString() =>
            "{" + string.Join(", ", Attributes.Names.Select((name, i) => $"[{name}] = {Values[i]}")) + "}";
    }
}
