using System.Text.Json.Nodes;
using Provisio.Directory.Model;
using Provisio.Expressions.Compilation;
using Provisio.Expressions.Evaluation;
using Provisio.Expressions.Graph;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Source;
using Provisio.Synchronization.Templates;

namespace Provisio.Synchronization.Tests.Source;

/// <summary>
/// A directory object read as Entra's source attributes: each default mapping of the <c>scim</c> template reads what
/// it should (reference entra-expressions-and-scim B.12), <c>IsSoftDeleted</c> follows reference entra-engine-and-api
/// §1.7, and Entra's names map from Graph's properties.
/// </summary>
public sealed class EntraSourceAttributesTests
{
    private static readonly Guid AdeleId = Guid.Parse("0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef");
    private static readonly Guid ManagerId = Guid.Parse("5e6c9eae-ab4d-4239-8ad0-174391d110eb");
    private static readonly Guid GroupId = Guid.Parse("8213fd99-8f3e-4c5e-9d8a-2f5a8c1e7b11");

    public static TheoryData<string, string> UserMappingValues => new()
    {
        { "userName", "AdeleV@contoso.com" },
        { "active", "True" },
        { "displayName", "Adele Vance" },
        { "title", "Retail Manager" },
        { "emails[type eq \"work\"].value", "AdeleV@contoso.com" },
        { "preferredLanguage", "en-US" },
        { "name.givenName", "Adele" },
        { "name.familyName", "Vance" },
        { "name.formatted", "Adele Vance" },
        { "addresses[type eq \"work\"].formatted", "18/2111" },
        { "addresses[type eq \"work\"].streetAddress", "205 108th Ave NE" },
        { "addresses[type eq \"work\"].locality", "Bellevue" },
        { "addresses[type eq \"work\"].region", "WA" },
        { "addresses[type eq \"work\"].postalCode", "98004" },
        { "addresses[type eq \"work\"].country", "United States" },
        { "phoneNumbers[type eq \"work\"].value", "+1 425 555 0109" },
        { "phoneNumbers[type eq \"mobile\"].value", "+1 425 555 0110" },
        { "phoneNumbers[type eq \"fax\"].value", "+1 425 555 0111" },
        { "externalId", "AdeleV" },
        { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "E1001" },
        { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "Retail" },
        { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "5e6c9eae-ab4d-4239-8ad0-174391d110eb" },
    };

    [Theory]
    [MemberData(nameof(UserMappingValues))]
    public void UserMapping_RealisticUser_ReadsTheValueItShould(string target, string expected)
    {
        // Arrange
        var attributes = new EntraSourceAttributes(Adele(), new EntraSourceFacts { ManagerId = ManagerId });

        // Act
        var value = Evaluate(ScimSynchronizationTemplate.UserMappingName, target, attributes);

        // Assert
        value.AsString().ShouldBe(expected);
    }

    [Fact]
    public void UserMapping_EveryDefaultMappingIsCovered() =>
        Mapping(ScimSynchronizationTemplate.UserMappingName).AttributeMappings.Select(m => m.TargetAttributeName)
            .ShouldBe(UserMappingValues.Select(row => (string)row.Data.Item1));

    [Fact]
    public void GroupMapping_RealisticGroup_ReadsDisplayNameObjectIdAndMembers()
    {
        // Arrange
        var members = new[] { AdeleId, ManagerId };
        var attributes = new EntraSourceAttributes(Group(), new EntraSourceFacts { MemberIds = members });

        // Act
        var displayName = Evaluate(ScimSynchronizationTemplate.GroupMappingName, "displayName", attributes);
        var externalId = Evaluate(ScimSynchronizationTemplate.GroupMappingName, "externalId", attributes);
        var memberValues = Evaluate(ScimSynchronizationTemplate.GroupMappingName, "members", attributes);

        // Assert
        displayName.AsString().ShouldBe("Retail Team");
        externalId.AsString().ShouldBe("8213fd99-8f3e-4c5e-9d8a-2f5a8c1e7b11");
        memberValues.Kind.ShouldBe(ExpressionValueKind.MultiValued);
        memberValues.AsList().ShouldBe(["0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef", "5e6c9eae-ab4d-4239-8ad0-174391d110eb"]);
    }

    public static TheoryData<string, bool, bool, bool, bool> SoftDeletionCases => new()
    {
        // case, soft-deleted in the directory, accountEnabled, assigned, in scope
        { "active, assigned, in scope", false, true, true, true },
        { "soft-deleted in the directory", true, true, true, true },
        { "sign-in blocked", false, false, true, true },
        { "unassigned", false, true, false, true },
        { "out of scope", false, true, true, false },
    };

    [Theory]
    [MemberData(nameof(SoftDeletionCases))]
    public void IsSoftDeleted_EachFact_DisablesTheUser(string @case, bool deleted, bool enabled, bool assigned, bool inScope)
    {
        // Arrange
        var user = Adele(deleted: deleted);
        user.Properties["accountEnabled"] = enabled;
        var attributes = new EntraSourceAttributes(user, new EntraSourceFacts { IsAssigned = assigned, IsInScope = inScope });
        var expected = deleted || !enabled || !assigned || !inScope;

        // Act
        var active = Evaluate(ScimSynchronizationTemplate.UserMappingName, "active", attributes);

        // Assert
        attributes.IsSoftDeleted.ShouldBe(expected, @case);
        attributes.TryGetValue("IsSoftDeleted", out var isSoftDeleted).ShouldBeTrue();
        isSoftDeleted.ShouldBe(ExpressionValue.From(expected), @case);
        active.AsString().ShouldBe(expected ? "False" : "True", @case);
    }

    [Fact]
    public void IsSoftDeleted_DeletedGroup_IsTrue()
    {
        // Arrange
        var group = Group() with { DeletedDateTime = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) };

        // Act
        var attributes = new EntraSourceAttributes(group);

        // Assert
        attributes.IsSoftDeleted.ShouldBeTrue();
        new EntraSourceAttributes(Group()).IsSoftDeleted.ShouldBeFalse();
    }

    [Theory]
    [InlineData("objectId", "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef")]
    [InlineData("accountEnabled", "True")]
    [InlineData("physicalDeliveryOfficeName", "18/2111")]
    [InlineData("telephoneNumber", "+1 425 555 0109")]
    [InlineData("mobile", "+1 425 555 0110")]
    [InlineData("facsimileTelephoneNumber", "+1 425 555 0111")]
    [InlineData("extensionAttribute1", "Contractor")]
    [InlineData("extensionAttribute15", "Building 18")]
    [InlineData("extension_d7a076d91c104133b712ad6caf3819c9_SkillSet", "IAM")]
    [InlineData("companyName", "Contoso")]
    [InlineData("employeeHireDate", "2021-03-15T00:00:00Z")]
    [InlineData("onPremisesSamAccountName", "adelev")]
    [InlineData("usageLocation", "US")]
    [InlineData("PhysicalDeliveryOfficeName", "18/2111")]
    [InlineData("USERPRINCIPALNAME", "AdeleV@contoso.com")]
    public void TryGetValue_EntraName_ReadsTheGraphPropertyItComesFrom(string name, string expected)
    {
        // Arrange
        var attributes = new EntraSourceAttributes(Adele());

        // Act
        var found = attributes.TryGetValue(name, out var value);

        // Assert
        found.ShouldBeTrue(name);
        value.AsString().ShouldBe(expected);
    }

    [Fact]
    public void TryGetValue_ProxyAddresses_IsMultiValued()
    {
        // Arrange
        var attributes = new EntraSourceAttributes(Adele());

        // Act
        attributes.TryGetValue("proxyAddresses", out var value);

        // Assert
        value.Kind.ShouldBe(ExpressionValueKind.MultiValued);
        value.AsList().ShouldBe(["SMTP:AdeleV@contoso.com", "smtp:adele.vance@contoso.com"]);
    }

    [Theory]
    [InlineData("mobile")]
    [InlineData("manager")]
    [InlineData("appRoleAssignments")]
    [InlineData("extensionAttribute2")]
    [InlineData("extension_d7a076d91c104133b712ad6caf3819c9_supervisoryOrg")]
    [InlineData("favouriteColour")]
    [InlineData("officeLocation")]
    public void TryGetValue_NoValue_ReturnsFalseAndNull(string name)
    {
        // Arrange: no mobile phone, no manager, no roles given; an unknown name; Graph's own name for the office
        var user = Adele();
        user.Properties.Remove("mobilePhone");
        var attributes = new EntraSourceAttributes(user);

        // Act
        var found = attributes.TryGetValue(name, out var value);

        // Assert
        found.ShouldBeFalse(name);
        value.IsNull.ShouldBeTrue();
    }

    [Fact]
    public void UserPrincipalName_Guest_IsStrippedWhileOriginalUserPrincipalNameIsRaw()
    {
        // Arrange: reference entra-engine-and-api §1.5
        var guest = User(Guid.NewGuid(), new JsonObject { ["userPrincipalName"] = "jane.doe_fabrikam.com#EXT#@contoso.onmicrosoft.com" });
        var attributes = new EntraSourceAttributes(guest);

        // Act
        attributes.TryGetValue("userPrincipalName", out var stripped);
        attributes.TryGetValue("originalUserPrincipalName", out var original);

        // Assert
        stripped.AsString().ShouldBe("jane.doe@fabrikam.com");
        original.AsString().ShouldBe("jane.doe_fabrikam.com#EXT#@contoso.onmicrosoft.com");
    }

    [Theory]
    [InlineData("adele@contoso.com", "adele@contoso.com")]
    [InlineData("jane.doe_fabrikam.com#EXT#@contoso.onmicrosoft.com", "jane.doe@fabrikam.com")]
    [InlineData("first_last_fabrikam.co.uk#ext#@contoso.onmicrosoft.com", "first_last@fabrikam.co.uk")]
    [InlineData("nounderscore#EXT#@contoso.onmicrosoft.com", "nounderscore")]
    public void GuestPrincipalName_Strip_RestoresTheGuestsOwnAddress(string upn, string expected) =>
        GuestPrincipalName.Strip(upn).ShouldBe(expected);

    [Fact]
    public void AppRoleAssignments_Given_FeedTheRoleFunctions()
    {
        // Arrange
        var roles = new[] { new AppRoleAssignment("b2f0c5d2-0000-0000-0000-000000000001", "Admin", "Administrator") };
        var attributes = new EntraSourceAttributes(Adele(), new EntraSourceFacts { AppRoleAssignments = roles });
        var compiled = ExpressionCompiler.Compile("SingleAppRoleAssignment([appRoleAssignments])");

        // Act
        var result = compiled.Expression!.Evaluate(attributes);

        // Assert
        result.Error.ShouldBeNull();
        result.Value.AsString().ShouldBe("Admin");
    }

    [Fact]
    public void Constructor_ServicePrincipal_IsRefused() =>
        Should.Throw<ArgumentException>(() => new EntraSourceAttributes(new DirectoryObject(Guid.NewGuid(), DirectoryObjectKind.ServicePrincipal, [], DateTimeOffset.UnixEpoch, null, 1)))
            .Message.ShouldStartWith("A ServicePrincipal is not provisioned; only users and groups are.");

    [Fact]
    public void Object_FollowsTheKind()
    {
        new EntraSourceAttributes(Adele()).Object.ShouldBeSameAs(EntraSourceObject.User);
        new EntraSourceAttributes(Group()).Object.ShouldBeSameAs(EntraSourceObject.Group);
    }

    private static ExpressionValue Evaluate(string mappingName, string target, IExpressionAttributes attributes)
    {
        var mapping = Mapping(mappingName).AttributeMappings.Single(m => m.TargetAttributeName == target);
        var compiled = ExpressionCompiler.Compile(AttributeMappingSourceConverter.FromGraph(mapping.Source!).Tree!);
        compiled.Error.ShouldBeNull(target);
        var result = compiled.Expression!.Evaluate(attributes);
        result.Error.ShouldBeNull(target);
        return result.Value;
    }

    private static ObjectMapping Mapping(string name) =>
        ScimSynchronizationTemplate.Rule.ObjectMappings.Single(m => m.Name == name);

    /// <summary>A user as Graph shows one (Adele Vance of Microsoft's sample tenant), stored as the directory stores it.</summary>
    private static DirectoryObject Adele(bool deleted = false) => User(AdeleId, new JsonObject
    {
        ["userPrincipalName"] = "AdeleV@contoso.com",
        ["accountEnabled"] = true,
        ["displayName"] = "Adele Vance",
        ["givenName"] = "Adele",
        ["surname"] = "Vance",
        ["jobTitle"] = "Retail Manager",
        ["mail"] = "AdeleV@contoso.com",
        ["mailNickname"] = "AdeleV",
        ["preferredLanguage"] = "en-US",
        ["officeLocation"] = "18/2111",
        ["streetAddress"] = "205 108th Ave NE",
        ["city"] = "Bellevue",
        ["state"] = "WA",
        ["postalCode"] = "98004",
        ["country"] = "United States",
        ["businessPhones"] = new JsonArray("+1 425 555 0109"),
        ["mobilePhone"] = "+1 425 555 0110",
        ["faxNumber"] = "+1 425 555 0111",
        ["employeeId"] = "E1001",
        ["employeeHireDate"] = "2021-03-15T00:00:00Z",
        ["department"] = "Retail",
        ["companyName"] = "Contoso",
        ["usageLocation"] = "US",
        ["onPremisesSamAccountName"] = "adelev",
        ["proxyAddresses"] = new JsonArray("SMTP:AdeleV@contoso.com", "smtp:adele.vance@contoso.com"),
        ["onPremisesExtensionAttributes"] = new JsonObject { ["extensionAttribute1"] = "Contractor", ["extensionAttribute2"] = null, ["extensionAttribute15"] = "Building 18" },
        ["extension_d7a076d91c104133b712ad6caf3819c9_SkillSet"] = "IAM",
    }, deleted);

    private static DirectoryObject Group() => new(GroupId, DirectoryObjectKind.Group, new JsonObject
    {
        ["displayName"] = "Retail Team",
        ["mailNickname"] = "retail",
        ["securityEnabled"] = true,
        ["mailEnabled"] = false,
    }, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), null, 7);

    private static DirectoryObject User(Guid id, JsonObject properties, bool deleted = false) =>
        new(id, DirectoryObjectKind.User, properties, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero),
            deleted ? new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) : null, 42);
}
