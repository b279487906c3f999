using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Provisio.Scim.Filters;

namespace Provisio.Scim.Tests.Filters;

/// <summary>
/// Properties of the filter and path parsers (STYLE §6): any text yields a filter (or path) or an error positioned
/// inside the text, never an exception; a printed filter parses back to the same canonical text.
/// </summary>
public sealed class ScimFilterProperties
{
    [Property(MaxTest = 2000)]
    public Property Parse_AnyText_ReturnsFilterOrPositionedError() =>
        Prop.ForAll(Texts.Arbitrary, text =>
        {
            var result = Should.NotThrow(() => FilterExpression.Parse(text), $"parsing '{text}'");
            (result.Filter is null).ShouldNotBe(result.Error is null, "exactly one of filter and error");
            if (result.Error is { } error)
            {
                ShouldBePositionedIn(error, text, "invalidFilter", "filter");
            }
        });

    [Property(MaxTest = 2000)]
    public Property ParsePath_AnyText_ReturnsPathOrPositionedError() =>
        Prop.ForAll(Texts.Arbitrary, text =>
        {
            var result = Should.NotThrow(() => AttributePath.Parse(text), $"parsing '{text}'");
            (result.Path is null).ShouldNotBe(result.Error is null, "exactly one of path and error");
            if (result.Error is { } error)
            {
                ShouldBePositionedIn(error, text, "invalidPath", "path");
            }
        });

    [Property(MaxTest = 2000)]
    public Property Parse_PrintedFilter_PrintsTheSameAgain() =>
        Prop.ForAll(Filters.Arbitrary, filter =>
        {
            var printed = filter.ToString()!;
            var parsed = FilterExpression.Parse(printed);
            parsed.Error.ShouldBeNull($"printed as {printed}");
            parsed.Filter!.ToString().ShouldBe(printed);
        });

    [Property(MaxTest = 500)]
    public Property ParsePath_PrintedPath_PrintsTheSameAgain() =>
        Prop.ForAll(Filters.PathArbitrary, path =>
        {
            var printed = path.ToString();
            var parsed = AttributePath.Parse(printed);
            parsed.Error.ShouldBeNull($"printed as {printed}");
            parsed.Path!.ToString().ShouldBe(printed);
        });

    private static void ShouldBePositionedIn(ScimParseError error, string text, string scimType, string kind)
    {
        error.ScimType.ShouldBe(scimType);
        error.Position.ShouldBeInRange(0, text.Length, $"error for '{text}': {error.Message}");
        error.Message.ShouldStartWith($"Invalid {kind} at position {error.Position}: ");
    }

    /// <summary>Valid filters built as trees, printed by the library.</summary>
    private static class Filters
    {
        private static readonly string[] Names =
            ["userName", "displayName", "title", "active", "emails", "members", "name", "meta", "externalId", "id", "x-1", "a_b", "USERNAME", "$ref"];

        private static readonly string?[] SubAttributes = [null, null, "value", "givenName", "lastModified", "type", "display", "$ref"];

        private static readonly string?[] Schemas =
            [null, null, null, "urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"];

        private static readonly ComparisonOperator[] Operators = Enum.GetValues<ComparisonOperator>();

        private static readonly string[] Pieces =
            ["\"", "\\", "'", "+", "<", "&", "é", "😀", "\t", "\n", "\u0001", "\u2028", " and ", " or ", ")", "]", "[", "(", "not (", "/"];

        public static Arbitrary<FilterExpression> Arbitrary { get; } = Arb.From(Gen.Sized(size => Tree(Math.Min(size, 40), valuePaths: true)));

        public static Arbitrary<AttributePath> PathArbitrary { get; } = Arb.From(Gen.OneOf(
            SimplePath,
            from schema in Gen.Elements(Schemas)
            from name in Gen.Elements(Names)
            from inner in Tree(6, valuePaths: false)
            from sub in Gen.Elements(SubAttributes)
            select new AttributePath(schema, name, inner, sub)));

        private static Gen<AttributePath> SimplePath =>
            from schema in Gen.Elements(Schemas)
            from name in Gen.Elements(Names)
            from sub in Gen.Elements(SubAttributes)
            select new AttributePath(schema, name, null, sub);

        private static Gen<string> Text =>
            from parts in Gen.Frequency(
                    (6, Gen.Choose(32, 126).Select(code => ((char)code).ToString())),
                    (2, Gen.Elements(Pieces)))
                .ListOf()
            select string.Concat(parts);

        private static Gen<JsonNode?> Value => Gen.Frequency(
            (6, Text.Select(text => (JsonNode?)JsonValue.Create(text))),
            (2, Gen.Choose(-100000, 100000).Select(number => (JsonNode?)JsonValue.Create(number))),
            (1, from units in Gen.Choose(-1000, 1000)
                from hundredths in Gen.Choose(0, 99)
                select (JsonNode?)JsonValue.Create(units + (hundredths / 100m))),
            (1, Gen.Elements("1e5", "2E-3", "-0.5", "0").Select(number => JsonNode.Parse(number))),
            (1, Gen.Elements(true, false).Select(flag => (JsonNode?)JsonValue.Create(flag))),
            (1, Gen.Constant<JsonNode?>(null)));

        private static Gen<FilterExpression> Comparison(Gen<AttributePath> paths) =>
            from path in paths
            from @operator in Gen.Elements(Operators)
            from value in Value
            select (FilterExpression)new AttributeFilter(path, @operator, @operator == ComparisonOperator.Present ? null : value);

        private static Gen<FilterExpression> Leaf(int size, bool valuePaths)
        {
            if (!valuePaths)
            {
                return Comparison(SimplePath);
            }

            var filtered = from schema in Gen.Elements(Schemas)
                           from name in Gen.Elements(Names)
                           from inner in Tree(Math.Min(size, 6), valuePaths: false)
                           select (schema, name, inner);
            return Gen.Frequency(
                (4, Comparison(SimplePath)),
                (1, filtered.Select(parts => (FilterExpression)new ValuePathFilter(new AttributePath(parts.schema, parts.name, parts.inner)))),
                (1, Comparison( // Entra's emails[type eq "work"].value eq "..."
                    from parts in filtered
                    from sub in Gen.Elements("value", "primary", "display")
                    select new AttributePath(parts.schema, parts.name, parts.inner, sub))));
        }

        private static Gen<FilterExpression> Tree(int size, bool valuePaths)
        {
            if (size <= 1)
            {
                return Leaf(size, valuePaths);
            }

            var half = Tree(size / 2, valuePaths);
            return Gen.Frequency(
                (3, Leaf(size, valuePaths)),
                (2, from isAnd in Gen.Elements(true, false)
                    from left in half
                    from right in half
                    select (FilterExpression)new LogicalFilter(isAnd, left, right)),
                (1, half.Select(inner => (FilterExpression)new NotFilter(inner))));
        }
    }

    /// <summary>Random characters, token soup, and damaged valid filters.</summary>
    private static class Texts
    {
        private static readonly string[] Tokens =
        [
            "userName", "emails", "name", "value", ".", ":", "urn:", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:",
            " ", "  ", "\t", "\n", "eq", "EQ", "ne", "co", "sw", "ew", "pr", "gt", "ge", "lt", "le", "xx",
            "and", "AND", "or", "not", "Not", "(", ")", "[", "]", "\"", "\\", "\\\"", "\"x\"", "\"\\u00e9\"", "\\u", "\\ud800",
            "1", "-", "1e400", "2.5", "true", "false", "null", "$ref", "_", "é", "'", "\u0000", "\ud800", "\udc00", "😀",
        ];

        public static Arbitrary<string> Arbitrary { get; } = Arb.From(Generator, Shrink);

        private static Gen<string> Generator => Gen.Frequency(
            (2, from length in Gen.Choose(0, 40)
                from chars in Gen.Choose(0, 0xFFFF).Select(code => (char)code).ArrayOf(length)
                select new string(chars)),
            (4, from length in Gen.Choose(0, 40)
                from tokens in Gen.Elements(Tokens).ArrayOf(length)
                select string.Concat(tokens)),
            (3, from filter in Filters.Arbitrary.Generator
                from damaged in Damage(filter.ToString()!)
                select damaged));

        /// <summary>One character removed, repeated or replaced by a token, or the text cut short.</summary>
        private static Gen<string> Damage(string text) =>
            from at in Gen.Choose(0, Math.Max(0, text.Length - 1))
            from how in Gen.Choose(0, 3)
            from token in Gen.Elements(Tokens)
            select text.Length == 0 ? token : how switch
            {
                0 => text.Remove(at, 1),
                1 => text.Insert(at, text[at].ToString()),
                2 => text.Remove(at, 1).Insert(at, token),
                _ => text[..at],
            };

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
    }
}
