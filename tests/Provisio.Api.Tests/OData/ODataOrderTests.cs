using Provisio.Api.OData;

namespace Provisio.Api.Tests.OData;

public sealed class ODataOrderTests
{
    [Theory]
    [InlineData("displayName", "displayName", false)]
    [InlineData("DISPLAYNAME desc", "displayName", true)]
    [InlineData("userPrincipalName  ASC", "userPrincipalName", false)]
    [InlineData("id desc", null, true)]
    [InlineData("id", null, false)]
    public void Parse_OneStringProperty_GraphSpellingAndDirection(string text, string? property, bool descending)
    {
        ODataOrder.Parse(text, ODataResource.User).Value.ShouldBe(new ODataOrder(property, descending));
    }

    [Theory]
    [InlineData("displayName,surname", "Request_UnsupportedQuery", "Sorting not supported for current query: '$orderby=displayName,surname' sorts by more than one property; Provisio sorts by one.")]
    [InlineData("accountEnabled", "Request_UnsupportedQuery", "Sorting not supported for current query: 'accountEnabled' is not a string property; sort by one such as displayName.")]
    [InlineData("proxyAddresses", "Request_UnsupportedQuery", "Sorting not supported for current query: 'proxyAddresses' is not a string property; sort by one such as displayName.")]
    [InlineData("extension_a1_x", "Request_UnsupportedQuery", "Sorting not supported for current query: 'extension_a1_x' is not a string property; sort by one such as displayName.")]
    [InlineData("onPremisesExtensionAttributes/extensionAttribute1", "Request_UnsupportedQuery", "Sorting not supported for current query: 'onPremisesExtensionAttributes/extensionAttribute1' is not a string property; sort by one such as displayName.")]
    [InlineData("favouriteColour", "BadRequest", "Invalid $orderby: Could not find a property named 'favouriteColour' on type 'microsoft.graph.user'.")]
    [InlineData("displayName sideways", "BadRequest", "Invalid $orderby 'displayName sideways': write one property, optionally followed by asc or desc ('$orderby=displayName desc').")]
    [InlineData("", "BadRequest", "Invalid $orderby '': write one property, optionally followed by asc or desc ('$orderby=displayName desc').")]
    public void Parse_Unsortable_Refused(string text, string code, string message)
    {
        var error = ODataOrder.Parse(text, ODataResource.User).Error!;

        error.Code.ShouldBe(code);
        error.Message.ShouldBe(message);
    }
}
