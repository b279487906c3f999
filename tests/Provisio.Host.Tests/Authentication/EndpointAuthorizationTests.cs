using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Provisio.Api.Authentication;

namespace Provisio.Host.Tests.Authentication;

/// <summary>
/// Walks every endpoint the served host maps (its <see cref="EndpointDataSource"/>, so endpoints added later are walked
/// too): 401 without a token; for a Reader, 403 on everything but GET, HEAD and the read-only POSTs, and neither 401
/// nor 403 on those; for an Administrator, neither 401 nor 403 anywhere.
/// </summary>
public sealed class EndpointAuthorizationTests : IAsyncLifetime
{
    // Health, the token endpoint, and the API's description (the OpenAPI document and Scalar's reference hold no data).
    private static readonly string[] Anonymous =
    [
        "/healthz", "/readyz", "/oauth2/v2.0/token", "/{tenant}/oauth2/v2.0/token",
        "/openapi/{documentName}.json", "/scalar/scalar.js", "/scalar/scalar.aspnetcore.js", "/scalar/favicon.svg", "/scalar/{documentName?}",
    ];

    private ServedAuthentication _served = null!;

    public async ValueTask InitializeAsync() => _served = await ServedAuthentication.StartAsync();

    public async ValueTask DisposeAsync() => await _served.DisposeAsync();

    [Fact]
    public async Task EveryEndpoint_ByRole_AuthorizedAsTheRulesSay()
    {
        // Arrange
        var requests = Requests(_served.App.Services.GetRequiredService<EndpointDataSource>());
        var reader = await _served.TokenAsync(_served.Reader, _served.ReaderSecret);
        var administrator = await _served.TokenAsync(_served.Administrator, _served.AdministratorSecret);
        var failures = new List<string>();

        // Act
        foreach (var (method, path) in requests)
        {
            var body = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsDelete(method) ? null : "{}";
            using (var anonymous = await _served.SendAsync(new HttpMethod(method), path, null, body))
            {
                if (anonymous.StatusCode != HttpStatusCode.Unauthorized || anonymous.Headers.WwwAuthenticate.ToString() != "Bearer")
                {
                    failures.Add($"{method} {path} without a token: {(int)anonymous.StatusCode} {anonymous.Headers.WwwAuthenticate}");
                }
            }

            using (var asReader = await _served.SendAsync(new HttpMethod(method), path, reader, body))
            {
                var readOnly = IsReadOnly(method, path);
                var denied = asReader.StatusCode == HttpStatusCode.Forbidden
                    && (await ServedAuthentication.GraphErrorAsync(asReader))["code"]!.GetValue<string>() == "Authorization_RequestDenied";
                if (readOnly ? asReader.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden : !denied)
                {
                    failures.Add($"{method} {path} as a Reader: {(int)asReader.StatusCode}, expected {(readOnly ? "neither 401 nor 403" : "403 Authorization_RequestDenied")}");
                }
            }

            using var asAdministrator = await _served.SendAsync(new HttpMethod(method), path, administrator, body);
            if (asAdministrator.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                failures.Add($"{method} {path} as an Administrator: {(int)asAdministrator.StatusCode}");
            }
        }

        // Assert
        requests.Count.ShouldBeGreaterThan(60);
        requests.ShouldContain(request => request.Method == "GET" && request.Path.StartsWith("/beta/", StringComparison.Ordinal));
        requests.ShouldContain(request => request.Method == "DELETE");
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task EveryEndpoint_MalformedJsonEmptyBodiesAndUnknownIds_AGraphErrorNeverA500()
    {
        // Arrange: issue 8 "Bad input": malformed JSON and unknown ids get a Graph error, never a 500 or a stack trace
        var requests = Requests(_served.App.Services.GetRequiredService<EndpointDataSource>());
        var administrator = await _served.TokenAsync(_served.Administrator, _served.AdministratorSecret);
        var failures = new List<string>();

        // Act
        foreach (var (method, path) in requests)
        {
            var bodies = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsDelete(method) ? new string?[] { null } : ["{\"broken", "[1,2]", "{}"];
            foreach (var body in bodies)
            {
                using var response = await _served.SendAsync(new HttpMethod(method), path, administrator, body);
                var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                if ((int)response.StatusCode >= 500 || text.Contains("   at ", StringComparison.Ordinal))
                {
                    failures.Add($"{method} {path} {body}: {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
                }
                else if ((int)response.StatusCode >= 400 && method != "HEAD" && !text.Contains("\"error\"", StringComparison.Ordinal))
                {
                    failures.Add($"{method} {path} {body}: {(int)response.StatusCode} without a Graph error body");
                }
            }
        }

        // Assert
        failures.ShouldBeEmpty();
    }

    [Fact]
    public void EveryEndpoint_AnonymousOnlyHealthTokenAndTheApiDescription()
    {
        // Arrange
        var endpoints = _served.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

        // Act
        var anonymous = endpoints.Where(endpoint => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(endpoint => endpoint.RoutePattern.RawText).ToList();

        // Assert: besides those, only the portal's sign-in page, the OAuth callback (a page that only bounces to its signed-in
        // completion: an application's redirect arrives without the strict sign-in cookie), its static files (scripts,
        // styles: no data) and Blazor's endpoints
        anonymous.Where(pattern => !IsStaticFile(pattern)).ShouldBe([.. Anonymous, "/signin", "/oauth2/callback"], ignoreOrder: true);
        anonymous.ShouldContain(pattern => pattern == "_framework/blazor.web.js");
    }

    [Fact]
    public async Task EveryPortalPage_WithoutSigningIn_RedirectsToTheSignInPage_AndABearerKeyDoesNotSignIn()
    {
        // Arrange
        var pages = _served.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(IsPortalPage).ToList();
        var administrator = await _served.TokenAsync(_served.Administrator, _served.AdministratorSecret);
        var failures = new List<string>();

        // Act
        foreach (var page in pages)
        {
            var path = Path(page.RoutePattern);
            foreach (var token in new[] { null, administrator })
            {
                using var response = await _served.SendAsync(HttpMethod.Get, path, token, null);
                if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("/signin?ReturnUrl=", StringComparison.Ordinal) != true)
                {
                    failures.Add($"GET {path} {(token is null ? "without credentials" : "with a bearer token")}: {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        // Assert
        pages.Count.ShouldBeGreaterThan(1);
        failures.ShouldBeEmpty();
    }

    /// <summary>The portal's pages sign in with its cookie, not with the Graph API's bearer credentials.</summary>
    private static bool IsPortalPage(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(data => data.AuthenticationSchemes == Provisio.Portal.Authentication.PortalAuthentication.Scheme)
        && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;

    /// <summary>The portal's static files and Blazor's own endpoints (its script, the redirect target of enhanced navigation).</summary>
    private static bool IsStaticFile(string? pattern) =>
        pattern?.TrimStart('/') is { } relative && (relative.StartsWith("_content/", StringComparison.Ordinal) || relative.StartsWith("_framework/", StringComparison.Ordinal));

    /// <summary>The rule, stated here apart from the code that applies it: GET, HEAD, and the POSTs the allow-list names.</summary>
    private static bool IsReadOnly(string method, string path) => method is "GET" or "HEAD"
        || (method is "POST" && ReadOnlyRequests.Posts.Any(pattern =>
            Regex.IsMatch(path, "^/(v1\\.0|beta)/" + Regex.Escape(pattern).Replace("\\*", "[^/]+", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase)));

    /// <summary>One request per mapped method of every endpoint that needs authorization, its parameters filled in; the fallback as GET and POST.</summary>
    private static List<(string Method, string Path)> Requests(EndpointDataSource source)
    {
        var requests = new List<(string, string)>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || IsPortalPage(endpoint))
            {
                continue;
            }

            var path = Path(endpoint.RoutePattern);
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST", "PUT", "PATCH", "DELETE"];
            requests.AddRange(methods.Select(method => (method, path)));
        }

        return requests;
    }

    private static string Path(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter when parameter.IsCatchAll => "nothing-here",
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(policy => policy.Content is "guid") => "6f1b3d2e-0000-4000-8000-0000000000aa",
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(policy => policy.Content is "int" or "long") => "1",
            RoutePatternParameterPart => "x",
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }
}
