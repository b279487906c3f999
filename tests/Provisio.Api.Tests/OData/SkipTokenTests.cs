using Provisio.Api.OData;
using Provisio.Directory.Query;

namespace Provisio.Api.Tests.OData;

public sealed class SkipTokenTests
{
    [Theory]
    [InlineData(null, false, null)]
    [InlineData("displayName", true, "zoë ångström")]
    [InlineData("displayName", false, "")]
    public void Decode_EncodedCursor_SameCursor(string? property, bool descending, string? sortValue)
    {
        var order = new ODataOrder(property, descending);
        var cursor = new DirectoryCursor(sortValue, Guid.NewGuid());

        var token = SkipToken.Encode(cursor, order);

        token.ShouldMatch("^[A-Za-z0-9_-]+$");
        SkipToken.Decode(token, order).Value.ShouldBe(cursor);
    }

    [Theory]
    [InlineData("garbage!")]
    [InlineData("")]
    [InlineData("e30")]
    [InlineData("bm90IGpzb24")]
    [InlineData("eyJpIjoibm90LWEtZ3VpZCJ9")]
    public void Decode_NotOurs_InvalidSkipToken(string token)
    {
        var error = SkipToken.Decode(token, ODataOrder.ById).Error!;

        error.Code.ShouldBe("Request_BadRequest");
        error.Message.ShouldBe("Invalid $skiptoken: it is not one this service issued. Follow the @odata.nextLink of a listing as it is.");
    }

    [Fact]
    public void Decode_TokenOfAnotherOrder_Refused()
    {
        var token = SkipToken.Encode(new DirectoryCursor("ana", Guid.NewGuid()), new ODataOrder("displayName", Descending: false));

        SkipToken.Decode(token, new ODataOrder("displayName", Descending: true)).Error!.Message.ShouldStartWith("Invalid $skiptoken: it belongs to a listing in another $orderby.");
        SkipToken.Decode(token, ODataOrder.ById).Succeeded.ShouldBeFalse();
    }
}
