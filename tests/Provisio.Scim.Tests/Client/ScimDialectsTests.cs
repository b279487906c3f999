using Provisio.Scim.Client;

namespace Provisio.Scim.Tests.Client;

public sealed class ScimDialectsTests
{
    [Theory]
    [InlineData("https://scim.example.com/scim/v2?aadOptscim062020", "https://scim.example.com/scim/v2/", ScimDialect.AadOptScim062020)]
    [InlineData("https://scim.example.com/scim/v2?aadOptSCIM062020=true", "https://scim.example.com/scim/v2/", ScimDialect.AadOptScim062020)]
    [InlineData("https://scim.example.com/scim/v2/?tenant=a&aadOptscim062020", "https://scim.example.com/scim/v2/?tenant=a", ScimDialect.AadOptScim062020)]
    [InlineData("https://scim.example.com/scim/v2", "https://scim.example.com/scim/v2/", ScimDialect.Default)]
    [InlineData("https://scim.example.com/scim?AzureAdScimPatch2017", "https://scim.example.com/scim/", ScimDialect.Default)]
    public void FromTenantUrl_Flag_SelectsDialectAndIsStrippedFromRequests(string tenantUrl, string baseAddress, ScimDialect dialect)
    {
        var (address, selected) = ScimDialects.FromTenantUrl(new Uri(tenantUrl));

        address.ToString().ShouldBe(baseAddress);
        selected.ShouldBe(dialect);
    }

    [Fact]
    public void FromTenantUrl_ExplicitDialect_Wins() =>
        ScimDialects.FromTenantUrl(new Uri("https://x.example/scim?aadOptscim062020"), ScimDialect.Default).Dialect.ShouldBe(ScimDialect.Default);
}
