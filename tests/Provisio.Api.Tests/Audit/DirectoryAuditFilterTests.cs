using Provisio.Api.Audit;
using Provisio.Api.OData;

namespace Provisio.Api.Tests.Audit;

/// <summary>The directory audits' <c>$filter</c> (Graph's directoryAudit: eq, ge, le and targetResources/any) into a query.</summary>
public sealed class DirectoryAuditFilterTests
{
    private static readonly DateTimeOffset NewYear = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_NoFilter_EveryAudit()
    {
        var query = DirectoryAuditFilter.Parse(null).Value!;

        query.ActivityDisplayNames.ShouldBeNull();
        query.Categories.ShouldBeNull();
        query.LoggedByServices.ShouldBeNull();
        query.TargetResourceIds.ShouldBeNull();
        query.From.ShouldBeNull();
        query.To.ShouldBeNull();
        DirectoryAuditFilter.Parse("   ").Value!.Categories.ShouldBeNull();
    }

    [Fact]
    public void Parse_EveryProperty_MapsToTheQuery()
    {
        // Arrange
        var filter = "activityDisplayName eq 'Quarantine' and Category eq 'ProvisioningManagement' and loggedByService eq 'Account Provisioning' " +
            "and targetResources/any(t: t/id eq 'scim.1') and activityDateTime ge 2026-01-01T00:00:00Z and activityDateTime le 2026-01-02T00:00:00.5Z";

        // Act
        var query = DirectoryAuditFilter.Parse(filter).Value!;

        // Assert
        query.ActivityDisplayNames.ShouldBe(["Quarantine"]);
        query.Categories.ShouldBe(["ProvisioningManagement"]);
        query.LoggedByServices.ShouldBe(["Account Provisioning"]);
        query.TargetResourceIds.ShouldBe(["scim.1"]);
        query.From.ShouldBe(NewYear);
        query.To.ShouldBe(NewYear.AddDays(1).AddMilliseconds(500));
    }

    [Theory]
    [InlineData("category eq 'a' or category eq 'b'")]
    [InlineData("(category eq 'a' or category eq 'b' or category eq 'a')")]
    [InlineData("category eq 'a' or (category eq 'b')")]
    public void Parse_OrOfOneProperty_AnyOfItsValues(string filter) =>
        DirectoryAuditFilter.Parse(filter).Value!.Categories.ShouldBe(["a", "b"]);

    [Fact]
    public void Parse_OrInsideAndBeside_ConjunctionOfDisjunctions()
    {
        var query = DirectoryAuditFilter.Parse(
            "(activityDisplayName eq 'Quarantine' or activityDisplayName eq 'Release from quarantine') and targetResources/any(x: x/id eq 'j1' or x/Id eq 'j2')").Value!;

        query.ActivityDisplayNames.ShouldBe(["Quarantine", "Release from quarantine"]);
        query.TargetResourceIds.ShouldBe(["j1", "j2"]);
    }

    [Fact]
    public void Parse_AnyOrAny_AnyOfTheIds() =>
        DirectoryAuditFilter.Parse("targetResources/any(t: t/id eq 'a') or targetResources/any(t: t/id eq 'b')").Value!.TargetResourceIds.ShouldBe(["a", "b"]);

    [Fact]
    public void Parse_SamePropertyAnded_OnlyTheValuesBothAllow()
    {
        DirectoryAuditFilter.Parse("(category eq 'a' or category eq 'b') and category eq 'b'").Value!.Categories.ShouldBe(["b"]);
        DirectoryAuditFilter.Parse("category eq 'a' and category eq 'b'").Value!.Categories.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("activityDateTime eq 2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")]
    [InlineData("activityDateTime ge 2026-01-01", "2026-01-01T00:00:00Z", null)]
    [InlineData("activityDateTime le 2026-01-01T02:00:00+02:00", null, "2026-01-01T00:00:00Z")]
    [InlineData("activityDateTime ge '2026-01-01T00:00:00Z'", "2026-01-01T00:00:00Z", null)]
    [InlineData("activityDateTime ge 2025-12-01T00:00:00Z and activityDateTime ge 2026-01-01T00:00:00Z and activityDateTime le 2026-02-01T00:00:00Z and activityDateTime le 2026-03-01T00:00:00Z",
        "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z")]
    public void Parse_ActivityDateTime_InclusiveBoundsThatNarrow(string filter, string? from, string? to)
    {
        var query = DirectoryAuditFilter.Parse(filter).Value!;

        query.From.ShouldBe(from is null ? null : DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture));
        query.To.ShouldBe(to is null ? null : DateTimeOffset.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("category eq", ODataQueryError.BadRequest, "Invalid filter clause: Syntax error at position 11 in 'category eq': expected a value.")]
    [InlineData("category eq 'open", ODataQueryError.BadRequest, "Invalid filter clause: There is an unterminated string literal at position 12 in 'category eq 'open'.")]
    [InlineData("(category eq 'a'", ODataQueryError.BadRequest, "Invalid filter clause: Syntax error at position 16 in '(category eq 'a'': expected ')'.")]
    [InlineData("tenantId eq 'x'", ODataQueryError.BadRequest, "Invalid filter clause: Could not find a property named 'tenantId' on type 'microsoft.graph.directoryAudit'.")]
    [InlineData("category eq 'a' or loggedByService eq 'b'", ODataQueryError.UnsupportedQuery,
        "The operator 'or' (position 16) is supported in the $filter of directory audits between equalities of one property only, such as category eq 'a' or category eq 'b'.")]
    [InlineData("targetResources/any(t: t/id eq 'a') and targetResources/any(t: t/id eq 'b')", ODataQueryError.UnsupportedQuery,
        "targetResources/any(...) can be given once in the $filter of directory audits; to match any of several ids, use 'or' inside it: targetResources/any(t: t/id eq 'a' or t/id eq 'b').")]
    [InlineData("category eq true", ODataQueryError.RequestBadRequest, "The value of 'category' must be a string in quotes ('...'), not 'true'.")]
    [InlineData("activityDateTime ge 'yesterday'", ODataQueryError.RequestBadRequest,
        "The value of 'activityDateTime' must be a UTC date and time such as 2026-01-01T00:00:00Z, not ''yesterday''.")]
    [InlineData("activityDateTime gt 2026-01-01T00:00:00Z", ODataQueryError.UnsupportedQuery,
        "The operator 'gt' (position 17) is not supported on 'activityDateTime' in the $filter of directory audits; use eq, ge or le.")]
    [InlineData("category ne 'a'", ODataQueryError.UnsupportedQuery,
        "The operator 'ne' (position 9) is not supported on 'category' in the $filter of directory audits; use eq.")]
    [InlineData("startswith(activityDisplayName, 'Q')", ODataQueryError.UnsupportedQuery,
        "The function 'startswith' (position 0) is not supported in the $filter of directory audits; supported: activityDisplayName, category, loggedByService (eq), activityDateTime (eq, ge, le) and targetResources/any(t: t/id eq '...').")]
    [InlineData("correlationId eq 'x'", ODataQueryError.UnsupportedQuery,
        "The property 'correlationId' is not supported in the $filter of directory audits; supported: activityDisplayName, category, loggedByService (eq), activityDateTime (eq, ge, le) and targetResources/any(t: t/id eq '...').")]
    [InlineData("initiatedBy/user/id eq 'x'", ODataQueryError.UnsupportedQuery,
        "The property 'initiatedBy/user/id' is not supported in the $filter of directory audits; supported: activityDisplayName, category, loggedByService (eq), activityDateTime (eq, ge, le) and targetResources/any(t: t/id eq '...').")]
    [InlineData("targetResources/any(t: t/displayName eq 'x')", ODataQueryError.UnsupportedQuery,
        "Inside targetResources/any the $filter of directory audits compares the id only (t/id eq '...'), not 't/displayName'.")]
    [InlineData("targetResources/any(t: s/id eq 'x')", ODataQueryError.BadRequest,
        "Invalid filter clause: 's/id' inside targetResources/any does not start with its variable 't/'.")]
    [InlineData("targetResources/all(t: t/id eq 'x')", ODataQueryError.UnsupportedQuery,
        "The lambda 'targetResources/all' (position 0) is not supported in the $filter of directory audits; use targetResources/any(t: t/id eq '...').")]
    [InlineData("not category eq 'a'", ODataQueryError.UnsupportedQuery, "The operator 'not' (position 0) is not supported in the $filter of directory audits.")]
    public void Parse_Refused_GraphCodeAndTheWholeMessage(string filter, string code, string message)
    {
        var error = DirectoryAuditFilter.Parse(filter).Error;

        error.ShouldNotBeNull();
        error.Code.ShouldBe(code);
        error.Message.ShouldBe(message);
    }
}
