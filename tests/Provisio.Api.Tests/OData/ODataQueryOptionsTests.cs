using Microsoft.Extensions.Primitives;
using Provisio.Api.OData;
using Provisio.Directory.Query;

namespace Provisio.Api.Tests.OData;

public sealed class ODataQueryOptionsTests
{
    private static Dictionary<string, StringValues> Query(params (string Name, string Value)[] options) =>
        options.GroupBy(option => option.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => new StringValues([.. group.Select(option => option.Value)]), StringComparer.OrdinalIgnoreCase);

    private static ODataQueryError Refused(bool eventual, params (string Name, string Value)[] options)
    {
        var result = ODataQueryOptions.ParseCollection(Query(options), eventual, ODataResource.User);
        result.Succeeded.ShouldBeFalse();
        return result.Error;
    }

    [Fact]
    public void ParseCollection_None_GraphDefaults()
    {
        var options = ODataQueryOptions.ParseCollection(Query(), eventual: false, ODataResource.User).Value!;

        options.ShouldBe(new ODataQueryOptions());
        options.Top.ShouldBe(100);
        options.Order.ShouldBe(ODataOrder.ById);
    }

    [Fact]
    public void ParseCollection_Everything_Parsed()
    {
        var cursor = new DirectoryCursor("ana", Guid.NewGuid());
        var token = SkipToken.Encode(cursor, new ODataOrder("displayName", Descending: true));

        var options = ODataQueryOptions.ParseCollection(Query(("$FILTER", "department eq 'Sales'"), ("$select", "id,displayName"), ("$orderBy", "displayName desc"),
            ("$top", "5"), ("$count", "true"), ("$skiptoken", token), ("api-version", "ignored")), eventual: true, ODataResource.User).Value!;

        FilterPrinter.Print(options.Filter!).ShouldBe("department eq 'Sales'");
        options.Selection!.ContextSuffix.ShouldBe("(id,displayName)");
        options.Order.ShouldBe(new ODataOrder("displayName", Descending: true));
        options.Top.ShouldBe(5);
        options.Count.ShouldBeTrue();
        options.After.ShouldBe(cursor);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000")]
    [InlineData("99999999999")]
    public void ParseCollection_TopOutOfRange_GraphsPageSizeError(string top)
    {
        var error = Refused(false, ("$top", top));

        error.Code.ShouldBe("Request_UnsupportedQuery");
        error.Message.ShouldBe($"Invalid page size specified: '{top}'. Must be between 1 and 999 inclusive.");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData("5.0")]
    public void ParseCollection_TopNotANumber_BadRequest(string top)
    {
        var error = Refused(false, ("$top", top));

        error.Code.ShouldBe("BadRequest");
        error.Message.ShouldBe($"Invalid value '{top}' for $top query option found. The $top query option requires a non-negative integer value.");
    }

    [Theory]
    [InlineData("1")]
    [InlineData("999")]
    public void ParseCollection_TopAtTheBounds_Accepted(string top)
    {
        ODataQueryOptions.ParseCollection(Query(("$top", top)), eventual: false, ODataResource.User).Value!.Top.ShouldBe(int.Parse(top, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ParseCollection_CountWithoutConsistencyLevel_GraphsRefusalNamingTheHeader()
    {
        var error = Refused(false, ("$count", "true"));

        error.Code.ShouldBe("Request_BadRequest");
        error.Message.ShouldBe("$count is not currently supported. Counting directory objects is an advanced query: send the header 'ConsistencyLevel: eventual' with it.");
    }

    [Fact]
    public void ParseCollection_CountFalse_NeedsNoHeader()
    {
        ODataQueryOptions.ParseCollection(Query(("$count", "false")), eventual: false, ODataResource.User).Value!.Count.ShouldBeFalse();
        Refused(true, ("$count", "yes")).Code.ShouldBe("BadRequest");
    }

    [Theory]
    [InlineData("$frobnicate", "Request_BadRequest", "Unrecognized query argument specified: '$frobnicate'.")]
    [InlineData("$skip", "Request_BadRequest", "'$skip' is not supported by the service. Page with $top and follow @odata.nextLink.")]
    [InlineData("$search", "Request_UnsupportedQuery", "The query option '$search' is not supported by Provisio's directory; use $filter, $select, $orderby, $top, $count or $skiptoken.")]
    [InlineData("$Expand", "Request_UnsupportedQuery", "The query option '$Expand' is not supported by Provisio's directory; use $filter, $select, $orderby, $top, $count or $skiptoken.")]
    public void ParseCollection_OptionProvisioDoesNotTake_Refused(string name, string code, string message)
    {
        var error = Refused(true, (name, "x"));

        error.Code.ShouldBe(code);
        error.Message.ShouldBe(message);
    }

    [Fact]
    public void ParseCollection_OptionTwice_Refused()
    {
        Refused(false, ("$top", "1"), ("$TOP", "2")).Message.ShouldBe("Query option '$top' was specified more than once, but it must be specified at most once.");
    }

    [Fact]
    public void ParseCollection_BadSkipToken_Refused()
    {
        Refused(false, ("$skiptoken", "not-a-token")).Code.ShouldBe("Request_BadRequest");
    }

    [Fact]
    public void ParseCollection_SkipTokenFromAnotherOrder_Refused()
    {
        var token = SkipToken.Encode(new DirectoryCursor(null, Guid.NewGuid()), ODataOrder.ById);

        Refused(false, ("$skiptoken", token), ("$orderby", "displayName")).Message.ShouldStartWith("Invalid $skiptoken: it belongs to a listing in another $orderby.");
    }

    [Fact]
    public void ParseCollection_BadFilter_FilterError()
    {
        Refused(false, ("$filter", "department eq")).Message.ShouldBe("Invalid filter clause: Syntax error at position 13 in 'department eq': expected a value ('text', true, false or null).");
    }

    [Fact]
    public void ParseEntity_Select_Selection()
    {
        ODataQueryOptions.ParseEntity(Query(("$select", "id,department")), ODataResource.User).Value!.ContextSuffix.ShouldBe("(id,department)");
        ODataQueryOptions.ParseEntity(Query(), ODataResource.User).Value.ShouldBeNull();
    }

    [Theory]
    [InlineData("$filter", "The query specified in the URI is not valid. The requested resource is not a collection. Query options $filter, $orderby, $count, $skip, and $top can be applied only on collections ('$filter' was given).")]
    [InlineData("$top", "The query specified in the URI is not valid. The requested resource is not a collection. Query options $filter, $orderby, $count, $skip, and $top can be applied only on collections ('$top' was given).")]
    public void ParseEntity_CollectionOption_BadRequest(string name, string message)
    {
        var error = ODataQueryOptions.ParseEntity(Query((name, "1")), ODataResource.User).Error!;

        error.Code.ShouldBe("BadRequest");
        error.Message.ShouldBe(message);
    }
}
