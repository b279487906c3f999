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
        ProvisioningLogEndpoints.Parse(Query()).Value.ShouldBe(new ProvisioningLogQuery { Top = 50 });

    [Theory]
    [InlineData("1", 1)]
    [InlineData("1000", 1000)]
    public void Parse_Top_PageSize(string top, int expected) =>
        ProvisioningLogEndpoints.Parse(Query(("$top", top))).Value!.Top.ShouldBe(expected);

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

        var query = ProvisioningLogEndpoints.Parse(Query(("$skiptoken", ProvisioningLogSkipToken.Encode(cursor)), ("$TOP", "5"))).Value!;

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
    public void Parse_OrderByActivityDateTimeDesc_Accepted_OtherOrdersRefused()
    {
        ProvisioningLogEndpoints.Parse(Query(("$orderby", "activityDateTime  desc"))).Succeeded.ShouldBeTrue();
        ProvisioningLogEndpoints.Parse(Query(("$orderby", "jobId"))).Error!.Code.ShouldBe("Request_UnsupportedQuery");
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
