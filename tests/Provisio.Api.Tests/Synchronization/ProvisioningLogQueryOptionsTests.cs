using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Provisio.Api.Synchronization;
using Provisio.Synchronization.Storage;

namespace Provisio.Api.Tests.Synchronization;

/// <summary><c>$top</c>, <c>$skiptoken</c> and the other query options of <c>GET /auditLogs/provisioning</c>.</summary>
public sealed class ProvisioningLogQueryOptionsTests
{
    private static IQueryCollection Query(params (string Name, string Value)[] options) =>
        new QueryCollection(options.ToDictionary(option => option.Name, option => new StringValues(option.Value)));

    [Fact]
    public void Parse_NoOptions_FiftyNewestEntries() =>
        ProvisioningLogEndpoints.Parse(Query()).Value!.Query.ShouldBe(new ProvisioningLogQuery { Top = 50 });

    [Theory]
    [InlineData("1", 1)]
    [InlineData("1000", 1000)]
    public void Parse_Top_PageSize(string top, int expected) =>
        ProvisioningLogEndpoints.Parse(Query(("$top", top))).Value!.Query.Top.ShouldBe(expected);

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-1")]
    [InlineData("ten")]
    public void Parse_TopOutOfRange_BadRequest(string top) =>
        ProvisioningLogEndpoints.Parse(Query(("$top", top))).Error!.Code.ShouldBe("Request_BadRequest");

    [Fact]
    public void Parse_SkipToken_ContinuesAfterTheCursor()
    {
        var cursor = new ProvisioningLogCursor(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234567), "01a2-entry");

        var query = ProvisioningLogEndpoints.Parse(Query(("$skiptoken", ProvisioningLogSkipToken.Encode(cursor)), ("$TOP", "5"))).Value!.Query;

        query.After.ShouldBe(cursor);
        query.Top.ShouldBe(5);
    }

    [Theory]
    [InlineData("garbage!")]
    [InlineData("e30")]
    [InlineData("")]
    public void Parse_ForeignSkipToken_BadRequest(string token) =>
        ProvisioningLogEndpoints.Parse(Query(("$skiptoken", token))).Error!.Message.ShouldStartWith("Invalid $skiptoken");

    [Fact]
    public void Parse_OrderByActivityDateTime_DescOrAsc_OtherOrdersRefused()
    {
        ProvisioningLogEndpoints.Parse(Query(("$orderby", "activityDateTime  desc"))).Value!.Query.Ascending.ShouldBeFalse();
        ProvisioningLogEndpoints.Parse(Query(("$orderby", "activityDateTime asc"))).Value!.Query.Ascending.ShouldBeTrue();
        var error = ProvisioningLogEndpoints.Parse(Query(("$orderby", "jobId"))).Error!;
        error.Code.ShouldBe("Request_UnsupportedQuery");
        error.Message.ShouldContain("activityDateTime desc (the default) or activityDateTime asc");
    }

    [Fact]
    public void Parse_SkipTokenOfTheOtherOrder_BadRequest()
    {
        var token = ProvisioningLogSkipToken.Encode(new ProvisioningLogCursor(DateTimeOffset.UnixEpoch, "a"), ascending: false);

        var error = ProvisioningLogEndpoints.Parse(Query(("$skiptoken", token), ("$orderby", "activityDateTime asc"))).Error!;

        error.Code.ShouldBe("Request_BadRequest");
        error.Message.ShouldContain("activityDateTime desc");
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Parse_Count(string value, bool expected) =>
        ProvisioningLogEndpoints.Parse(Query(("$count", value))).Value!.Count.ShouldBe(expected);

    [Fact]
    public void Parse_CountNotABoolean_BadRequest() =>
        ProvisioningLogEndpoints.Parse(Query(("$count", "yes"))).Error!.Code.ShouldBe("Request_BadRequest");

    [Fact]
    public void Parse_Export_TopBeyondAPageIsTheLimit_NoCount()
    {
        var listing = ProvisioningLogEndpoints.Parse(Query(("$top", "250000")), ProvisioningLogExportFormat.Csv).Value!;

        listing.Limit.ShouldBe(250_000);
        listing.Query.Top.ShouldBe(ProvisioningLogEndpoints.MaxTop);
        ProvisioningLogEndpoints.Parse(Query(), ProvisioningLogExportFormat.JsonLines).Value!.Limit.ShouldBeNull();
        ProvisioningLogEndpoints.Parse(Query(("$count", "true")), ProvisioningLogExportFormat.Csv).Error!.Message.ShouldContain("$count");
    }

    [Fact]
    public void Parse_UnknownDollarOption_Refused_CustomOptionIgnored()
    {
        ProvisioningLogEndpoints.Parse(Query(("$select", "id"))).Error!.Message.ShouldContain("'$select'");
        ProvisioningLogEndpoints.Parse(Query(("debug", "1"))).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Parse_BadFilter_ItsError() =>
        ProvisioningLogEndpoints.Parse(Query(("$filter", "tenantId eq 'x'"))).Error!.Code.ShouldBe("Request_UnsupportedQuery");
}
