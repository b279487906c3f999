using Provisio.Scim;
using Provisio.Synchronization.Export;
using Provisio.Synchronization.Mapping;
using static Provisio.Synchronization.Tests.Mapping.DefaultScimMappings;

namespace Provisio.Synchronization.Tests.Export;

public sealed class ExportedValuesTests
{
    private static readonly CompiledObjectMapping DefaultUsers = CompiledObjectMapping.Compile(Users());

    [Fact]
    public void FromResource_CaseInsensitiveNamesAndBooleans_ReadAsTheirValues()
    {
        var resource = ScimJson.ParseObject("""{"USERNAME":"a@contoso.com","Active":false,"Emails":[{"Type":"other","value":"x"},{"type":"Work","value":"a@contoso.com"}]}""");

        var values = ExportedValues.FromResource(DefaultUsers, resource);

        values.Values.ShouldBe(
        [
            new ExportedValue("userName", TargetValue.From("a@contoso.com")),
            new ExportedValue("active", TargetValue.From(false)),
            new ExportedValue("emails[type eq \"work\"].value", TargetValue.From("a@contoso.com")),
        ]);
    }

    [Fact]
    public void ToJson_ThenFromJson_SameValues()
    {
        var state = ExportedValues.From(
        [
            new ExportedValue("userName", TargetValue.From("zoe.angstrom@contoso.com")),
            new ExportedValue("active", TargetValue.From(true)),
            new ExportedValue("emails[type eq \"other\"].value", TargetValue.From(["a", "b"])),
        ]);

        var json = state.ToJson();
        var back = ExportedValues.FromJson(ScimJson.ParseObject(ScimJson.Serialize(json)));

        ScimJson.Serialize(json).ShouldBe("""{"userName":"zoe.angstrom@contoso.com","active":true,"emails[type eq \"other\"].value":["a","b"]}""");
        back.Values.ShouldBe(state.Values);
    }

    [Fact]
    public void FromResource_ParsedCaseSensitively_StillFindsNamesInAnyCase()
    {
        var resource = System.Text.Json.Nodes.JsonNode.Parse(
            """{"Name":{"GivenName":"Zoë"},"urn:ietf:params:scim:schemas:extension:enterprise:2.0:user":{"Department":"Ventes"}}""")!.AsObject();

        var values = ExportedValues.FromResource(DefaultUsers, resource);

        values.Values.ShouldBe(
        [
            new ExportedValue("name.givenName", TargetValue.From("Zoë")),
            new ExportedValue(Enterprise + ":department", TargetValue.From("Ventes")),
        ]);
    }
}
