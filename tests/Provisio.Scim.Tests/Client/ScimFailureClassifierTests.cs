using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Provisio.Scim.Client;

namespace Provisio.Scim.Tests.Client;

/// <summary>Each failure maps to Entra's code (reference entra-engine-and-api §7.4); tests assert codes, not messages.</summary>
public sealed class ScimFailureClassifierTests
{
    [Theory]
    [InlineData(ScimOperation.Create, HttpStatusCode.Unauthorized, ScimErrorCodes.CredentialsInvalid, false, true)]
    [InlineData(ScimOperation.Update, HttpStatusCode.Forbidden, ScimErrorCodes.Unauthorized, false, false)]
    [InlineData(ScimOperation.TestConnection, HttpStatusCode.NotFound, ScimErrorCodes.BadResponse, false, true)]
    [InlineData(ScimOperation.Query, HttpStatusCode.NotFound, ScimErrorCodes.BadResponse, false, true)]
    [InlineData(ScimOperation.Get, HttpStatusCode.NotFound, ScimErrorCodes.InvalidAnchor, false, false)]
    [InlineData(ScimOperation.Update, HttpStatusCode.NotFound, ScimErrorCodes.InvalidAnchor, false, false)]
    [InlineData(ScimOperation.Update, HttpStatusCode.MethodNotAllowed, ScimErrorCodes.ServiceIncompatible, false, true)]
    [InlineData(ScimOperation.Create, HttpStatusCode.Conflict, ScimErrorCodes.EntryConflict, false, false)]
    [InlineData(ScimOperation.Create, HttpStatusCode.TooManyRequests, ScimErrorCodes.TooManyRequests, true, false)]
    [InlineData(ScimOperation.Create, HttpStatusCode.InternalServerError, ScimErrorCodes.InternalServerError, true, false)]
    [InlineData(ScimOperation.Create, HttpStatusCode.ServiceUnavailable, ScimErrorCodes.InternalServerError, true, false)]
    [InlineData(ScimOperation.Create, HttpStatusCode.GatewayTimeout, ScimErrorCodes.Timeout, true, false)]
    [InlineData(ScimOperation.Create, HttpStatusCode.BadRequest, ScimErrorCodes.UnprocessableEntity, false, false)]
    public void Classify_Status_GivesEntrasCode(ScimOperation operation, HttpStatusCode status, string code, bool transient, bool wholeJob)
    {
        var failure = ScimFailureClassifier.Classify(operation, status, null, null);

        failure.Code.ShouldBe(code);
        failure.IsTransient.ShouldBe(transient);
        failure.AffectsWholeJob.ShouldBe(wholeJob);
        failure.HttpStatus.ShouldBe((int)status);
        failure.RecommendedAction.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Classify_MissingRequiredAttribute_KeepsTargetsMessage()
    {
        var body = new ScimErrorBody(400, "invalidValue", "Required attribute employeeNumber is missing");

        var failure = ScimFailureClassifier.Classify(ScimOperation.Create, HttpStatusCode.BadRequest, body, null);

        failure.Code.ShouldBe(ScimErrorCodes.MandatoryFieldsMissing);
        failure.Message.ShouldContain("Required attribute employeeNumber is missing");
        failure.ScimType.ShouldBe("invalidValue");
    }

    [Fact]
    public void Classify_BadRequestUniqueness_IsEntryConflict() =>
        ScimFailureClassifier.Classify(ScimOperation.Create, HttpStatusCode.BadRequest, new ScimErrorBody(400, "uniqueness", "taken"), null)
            .Code.ShouldBe(ScimErrorCodes.EntryConflict);

    [Fact]
    public void Classify_TooManyRequestsWithRetryAfter_KeepsTheWait() =>
        ScimFailureClassifier.Classify(ScimOperation.Update, HttpStatusCode.TooManyRequests, null, TimeSpan.FromSeconds(7))
            .RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));

    [Fact]
    public void Classify_Timeout_IsTransientTimeout()
    {
        var failure = ScimFailureClassifier.Classify(new TaskCanceledException(), timedOut: true);

        failure.Code.ShouldBe(ScimErrorCodes.Timeout);
        failure.IsTransient.ShouldBeTrue();
    }

    [Fact]
    public void Classify_DnsFailure_IsUnreachableAndStopsTheJob()
    {
        var failure = ScimFailureClassifier.Classify(new HttpRequestException("no such host", new SocketException((int)SocketError.HostNotFound)), timedOut: false);

        failure.Code.ShouldBe(ScimErrorCodes.EndpointUnreachable);
        failure.AffectsWholeJob.ShouldBeTrue();
    }

    [Fact]
    public void Classify_ConnectionRefused_IsUnreachable() =>
        ScimFailureClassifier.Classify(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)), timedOut: false)
            .Code.ShouldBe(ScimErrorCodes.EndpointUnreachable);

    [Fact]
    public void Classify_TlsFailure_IsTlsFailure() =>
        ScimFailureClassifier.Classify(new HttpRequestException("ssl", new AuthenticationException("certificate rejected")), timedOut: false)
            .Code.ShouldBe(ScimErrorCodes.TlsFailure);

    [Fact]
    public void ErrorBody_TryRead_ReadsStatusAsStringOrNumber()
    {
        ScimErrorBody.TryRead("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness","detail":"dup"}""", 400)
            .ShouldBe(new ScimErrorBody(409, "uniqueness", "dup"));
        ScimErrorBody.TryRead("""{"status":404,"detail":"gone"}""", 400).ShouldBe(new ScimErrorBody(404, null, "gone"));
        ScimErrorBody.TryRead("<html>", 500).ShouldBeNull();
    }

    [Fact]
    public void Credentials_ToString_NeverShowsTheSecret()
    {
        new BearerTokenCredentials("s3cr3t-token").ToString().ShouldNotContain("s3cr3t");
        new OAuthClientCredentials(new Uri("https://login.example/token"), "client", "s3cr3t").ToString().ShouldNotContain("s3cr3t");
    }
}
