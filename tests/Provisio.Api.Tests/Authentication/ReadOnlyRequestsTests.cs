using Microsoft.AspNetCore.Http;
using Provisio.Api.Authentication;

namespace Provisio.Api.Tests.Authentication;

public sealed class ReadOnlyRequestsTests
{
    [Theory]
    [InlineData("GET", "/v1.0/servicePrincipals/1/synchronization/jobs")]
    [InlineData("HEAD", "/beta/users")]
    [InlineData("POST", "/v1.0/servicePrincipals/1/synchronization/jobs/scim.1/schema/parseExpression")]
    [InlineData("POST", "/beta/servicePrincipals/1/synchronization/templates/scim/schema/parseExpression")]
    [InlineData("post", "/V1.0/servicePrincipals/1/synchronization/jobs/scim.1/schema/PARSEEXPRESSION")]
    public void IsReadOnly_ReadsAndAllowListedPosts_True(string method, string path)
    {
        // Act
        var readOnly = ReadOnlyRequests.IsReadOnly(method, new PathString(path));

        // Assert
        readOnly.ShouldBeTrue();
    }

    [Theory]
    [InlineData("POST", "/v1.0/users")]
    [InlineData("POST", "/v1.0/servicePrincipals/1/synchronization/jobs/scim.1/start")]
    [InlineData("POST", "/v1.0/servicePrincipals/1/synchronization/jobs/scim.1/schema/parseExpression/more")]
    [InlineData("POST", "/servicePrincipals/1/synchronization/jobs/scim.1/schema/parseExpression")]
    [InlineData("PUT", "/v1.0/servicePrincipals/1/synchronization/jobs/scim.1/schema/parseExpression")]
    [InlineData("PATCH", "/v1.0/users/1")]
    [InlineData("DELETE", "/v1.0/users/1")]
    public void IsReadOnly_Writes_False(string method, string path)
    {
        // Act
        var readOnly = ReadOnlyRequests.IsReadOnly(method, new PathString(path));

        // Assert
        readOnly.ShouldBeFalse();
    }
}
