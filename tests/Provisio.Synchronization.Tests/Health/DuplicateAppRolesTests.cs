using System.Text.Json.Nodes;
using Provisio.Directory.Model;
using Provisio.Synchronization.Health;
using Provisio.Synchronization.Scoping;
using Provisio.Synchronization.Source;

namespace Provisio.Synchronization.Tests.Health;

/// <summary>Seed 002's "Duplicate roles" check over the application's appRoles (what the target would receive).</summary>
public sealed class DuplicateAppRolesTests
{
    private static readonly Guid First = new("11111111-1111-1111-1111-111111111111");
    private static readonly Guid Second = new("22222222-2222-2222-2222-222222222222");

    [Fact]
    public void Check_ValuesDifferingOnlyInCase_AreDuplicates()
    {
        var failure = DuplicateAppRoles.Check(Catalog(Role(First, "Admin", "A"), Role(Second, "ADMIN", "B")), displayNamesSent: false);

        failure.ShouldNotBeNull().Code.ShouldBe(DuplicateAppRoles.ErrorCode);
        failure.AffectsWholeJob.ShouldBeTrue("the job is quarantined, not one object");
        failure.Message.ShouldBe($"Duplicate roles: the application's app roles must be unique for the target, but value 'Admin' is declared by role {First:D} and role {Second:D}. Nothing was exported.");
        failure.RecommendedAction.ShouldBe(DuplicateAppRoles.RecommendedAction);
    }

    [Fact]
    public void Check_ADisabledDuplicateOrOneWithoutValue_IsNeverSent_SoNoDuplicate()
    {
        var disabled = Role(Second, "Admin", "B");
        disabled["isEnabled"] = false;

        DuplicateAppRoles.Check(Catalog(Role(First, "Admin", "A"), disabled), displayNamesSent: true).ShouldBeNull();
        DuplicateAppRoles.Check(Catalog(Role(First, null, "Same"), Role(Second, null, "Same")), displayNamesSent: true).ShouldBeNull();
    }

    [Fact]
    public void Check_SameDisplayName_ADuplicateOnlyWhenDisplayNamesAreSent()
    {
        var roles = Catalog(Role(First, "Admin", "Administrators"), Role(Second, "Owner", "administrators"));

        DuplicateAppRoles.Check(roles, displayNamesSent: false).ShouldBeNull();
        DuplicateAppRoles.Check(roles, displayNamesSent: true).ShouldNotBeNull().Message
            .ShouldContain($"display name 'Administrators' is declared by role {First:D} and role {Second:D}");
    }

    [Fact]
    public void Catalog_RolesOfAssignments_InTheApplicationsOrder_EachOnce_DefaultAccessGrantsNone()
    {
        var catalog = Catalog(Role(First, "Admin", "A"), Role(Second, "User", "U"));

        var roles = catalog.For([ApplicationAssignment.Direct(Second), ApplicationAssignment.ThroughGroup("g", appRoleId: First),
            ApplicationAssignment.ThroughGroup("h", appRoleId: Second), ApplicationAssignment.Direct()]);

        roles.Select(role => role.Value).ShouldBe(["Admin", "User"]);
        roles[0].Id.ShouldBe(First.ToString("D"));
        roles[0].DisplayName.ShouldBe("A");
    }

    private static AppRoleCatalog Catalog(params JsonObject[] roles) => AppRoleCatalog.From(new DirectoryObject(Guid.NewGuid(), DirectoryObjectKind.ServicePrincipal,
        new JsonObject { ["appRoles"] = new JsonArray(roles) }, DateTimeOffset.UnixEpoch, null, 1));

    private static JsonObject Role(Guid id, string? value, string displayName) => new()
    {
        ["allowedMemberTypes"] = new JsonArray("User"),
        ["displayName"] = displayName,
        ["id"] = id.ToString("D"),
        ["isEnabled"] = true,
        ["value"] = value,
    };
}
