using System.Text.Json.Nodes;
using Provisio.Api.OData;

namespace Provisio.Api.Tests.OData;

public sealed class ODataSelectionTests
{
    [Fact]
    public void Parse_NamesInAnyCase_GraphSpellingInOrderWithoutRepeats()
    {
        var selection = ODataSelection.Parse(" DisplayName , id,department,displayname ", ODataResource.User).Value!;

        selection.Properties.Select(property => property.Name).ShouldBe(["displayName", "id", "department"]);
        selection.ContextSuffix.ShouldBe("(displayName,id,department)");
    }

    [Fact]
    public void Parse_Star_Everything()
    {
        var result = ODataSelection.Parse("*", ODataResource.User);

        result.Succeeded.ShouldBeTrue();
        result.Value.ShouldBeNull();
    }

    [Theory]
    [InlineData("id,favouriteColour", "Parsing OData Select and Expand failed: Could not find a property named 'favouriteColour' on type 'microsoft.graph.user'.")]
    [InlineData("id,,displayName", "Parsing OData Select and Expand failed: An identifier was expected in '$select=id,,displayName': remove the empty item.")]
    [InlineData("", "Parsing OData Select and Expand failed: An identifier was expected in '$select=': remove the empty item.")]
    [InlineData("onPremisesExtensionAttributes/extensionAttribute1", "Parsing OData Select and Expand failed: 'onPremisesExtensionAttributes/extensionAttribute1' is a path; $select takes whole properties (select 'onPremisesExtensionAttributes').")]
    public void Parse_BadSelect_BadRequest(string select, string message)
    {
        var error = ODataSelection.Parse(select, ODataResource.User).Error!;

        error.Code.ShouldBe("BadRequest");
        error.Message.ShouldBe(message);
    }

    [Fact]
    public void Parse_UserPropertyOnGroup_CouldNotFind()
    {
        ODataSelection.Parse("userPrincipalName", ODataResource.Group).Error!.Message
            .ShouldBe("Parsing OData Select and Expand failed: Could not find a property named 'userPrincipalName' on type 'microsoft.graph.group'.");
    }

    [Fact]
    public void Apply_KeepsSelectedAndAnnotations_NullForUnsetDeclared_NoIdUnlessSelected()
    {
        var selection = ODataSelection.Parse("department,JOBTITLE,extension_a1_x,deletedDateTime", ODataResource.User).Value!;
        var graph = JsonNode.Parse("""{"@odata.type":"#microsoft.graph.user","id":"1","displayName":"Ana","Department":"Sales"}""")!.AsObject();

        var selected = selection.Apply(graph);

        selected.ToJsonString().ShouldBe("""{"@odata.type":"#microsoft.graph.user","department":"Sales","jobTitle":null,"deletedDateTime":null}""");
    }
}
