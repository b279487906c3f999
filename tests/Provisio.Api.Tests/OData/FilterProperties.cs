using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Provisio.Api.OData;
using Provisio.Directory.Query;

namespace Provisio.Api.Tests.OData;

/// <summary>
/// Properties of the <c>$filter</c> parser (STYLE §6): printing then parsing round-trips; any text yields a filter or
/// an error positioned inside the text, never an exception.
/// </summary>
public sealed class FilterProperties
{
    private static readonly string[] StringProperties = ["displayName", "department", "mail", "onPremisesExtensionAttributes/extensionAttribute3", "extension_a1b2_costCenter"];

    [Property(MaxTest = 1000)]
    public Property Print_RandomFilter_ParsesBackToSameText() =>
        Prop.ForAll(Arb.From(from depth in Gen.Choose(0, 4) from filter in Filter(depth) select filter), filter =>
        {
            var printed = FilterPrinter.Print(filter);
            var parsed = FilterParser.Parse(printed, ODataResource.User);
            parsed.Error.ShouldBeNull($"printed as {printed}");
            FilterPrinter.Print(parsed.Value!).ShouldBe(printed);
        });

    [Property(MaxTest = 3000)]
    public Property Parse_AnyText_ReturnsFilterOrPositionedError() =>
        Prop.ForAll(Arb.From(Text()), text =>
        {
            var result = FilterParser.Parse(text, ODataResource.User);
            (result.Value is null).ShouldNotBe(result.Error is null, $"exactly one of filter and error for {text}");
            if (result.Error is { Position: { } position })
            {
                position.ShouldBeInRange(0, text.Length, $"for {text}");
            }
        });

    private static Gen<string> Text() =>
        from words in Gen.ListOf(Gen.Frequency(
            (6, Gen.Elements("displayName", "accountEnabled", "proxyAddresses", "eq", "ne", "in", "and", "or", "not", "startswith", "any",
                "true", "false", "null", "'a'", "'it''s'", "'", "(", ")", ",", "/", ":", " ", "  ", "5", "-1", "id",
                "onPremisesExtensionAttributes", "extensionAttribute1", "ge", "endswith", "%", "$")),
            (1, from chars in Gen.ArrayOf(Gen.Elements("ab'() ,/:=%é\t".ToCharArray())) select new string(chars))))
        select string.Concat(words);

    private static Gen<DirectoryFilter> Filter(int depth) => depth == 0
        ? Leaf()
        : Gen.Frequency(
            (2, Leaf()),
            (1, from left in Filter(depth - 1) from right in Filter(depth - 1) select (DirectoryFilter)new AndFilter(left, right)),
            (1, from left in Filter(depth - 1) from right in Filter(depth - 1) select (DirectoryFilter)new OrFilter(left, right)),
            (1, from operand in Filter(depth - 1) select (DirectoryFilter)new NotFilter(operand)));

    private static Gen<DirectoryFilter> Leaf() => Gen.OneOf(
        from property in Gen.Elements(StringProperties)
        from equal in Gen.Elements(FilterOperator.Equal, FilterOperator.NotEqual)
        from value in Gen.Frequency((5, Value()), (1, Gen.Constant<object?>(null)))
        select (DirectoryFilter)new PropertyFilter(property, equal, value),
        from property in Gen.Elements(StringProperties)
        from prefix in Value()
        select (DirectoryFilter)new PropertyFilter(property, FilterOperator.StartsWith, prefix),
        from equal in Gen.Elements(FilterOperator.Equal, FilterOperator.NotEqual)
        from value in Gen.Elements<object?>(true, false, null)
        select (DirectoryFilter)new PropertyFilter("accountEnabled", equal, value),
        from property in Gen.Elements(StringProperties)
        from count in Gen.Choose(1, 4)
        from values in Gen.ArrayOf(Value(), count)
        select (DirectoryFilter)new InFilter(property, values));

    private static Gen<object?> Value() =>
        from chars in Gen.ArrayOf(Gen.Elements("aZ 'é,()ß\"eq-".ToCharArray()))
        select (object?)new string(chars);
}
