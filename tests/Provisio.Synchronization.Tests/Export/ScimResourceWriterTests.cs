using Provisio.Expressions.Evaluation;
using Provisio.Scim;
using Provisio.Scim.Client;
using Provisio.Synchronization.Export;
using Provisio.Synchronization.Mapping;
using static Provisio.Synchronization.Tests.Mapping.DefaultScimMappings;

namespace Provisio.Synchronization.Tests.Export;

/// <summary>Create bodies in the shape of reference entra-expressions-and-scim B.3.1 and B.5, byte for byte.</summary>
public sealed class ScimResourceWriterTests
{
    private static readonly CompiledObjectMapping DefaultUsers = CompiledObjectMapping.Compile(Users());

    /// <summary>The body as the nodes serialize it, checked to be the text <see cref="ScimResourceWriter.WriteJson"/> writes straight to UTF-8.</summary>
    private static string Create(CompiledObjectMapping mapping, AttributeBag source, ScimResourceType type = ScimResourceType.User)
    {
        var writer = new ScimResourceWriter(mapping, type);
        var mapped = mapping.Evaluate(source, null, isCreate: true);
        var body = ScimJson.Serialize(writer.Write(mapped));
        writer.WriteJson(mapped).ShouldBe(body, "the UTF-8 writer and the nodes must give the same text");
        return body;
    }

    [Fact]
    public void Write_DefaultMappingsRealisticUser_EntrasPostUsersBody()
    {
        var body = Create(DefaultUsers, Zoe());

        body.ShouldBe(
            Json.OneLine(
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
            "externalId":"zoe.angstrom","userName":"zoe.angstrom@contoso.com","active":true,
            "addresses":[{"type":"work","country":"SE","formatted":"Malmö HQ","locality":"Malmö","postalCode":"211 43","region":"Skåne","streetAddress":"Södra Förstadsgatan 1"}],
            "displayName":"Zoë Ångström","emails":[{"primary":true,"type":"work","value":"zoe.angstrom@contoso.com"}],
            "meta":{"resourceType":"User"},"name":{"formatted":"Zoë Ångström","familyName":"Ångström","givenName":"Zoë"},
            "phoneNumbers":[{"type":"work","value":"+46 40 123 45 67"},{"type":"mobile","value":"+46 70 123 45 67"}],
            "preferredLanguage":"sv-SE","roles":[],"title":"Ingénieure principale",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Recherche & Développement","employeeNumber":"004217"}}
            """));
    }

    [Fact]
    public void Write_UserLikeB31_SameKeysInTheSameOrder()
    {
        // reference B.3.1's request, made from the default mappings: a user with only these attributes.
        var source = new AttributeBag()
            .Set("userPrincipalName", "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee")
            .Set("IsSoftDeleted", ExpressionValue.From(false))
            .Set("mail", "Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com")
            .Set("givenName", "givenName")
            .Set("surname", "familyName")
            .Set("mailNickname", "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef");

        Create(DefaultUsers, source).ShouldBe(
            Json.OneLine(
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
            "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee","active":true,
            "emails":[{"primary":true,"type":"work","value":"Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com"}],
            "meta":{"resourceType":"User"},"name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},"roles":[]}
            """));
    }

    [Fact]
    public void Write_MissingValues_LeftOutWithTheirEmptyContainers()
    {
        var source = new AttributeBag().Set("userPrincipalName", "ada@contoso.com").Set("IsSoftDeleted", ExpressionValue.From(true));

        Create(DefaultUsers, source).ShouldBe(
            Json.OneLine(
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
            "userName":"ada@contoso.com","active":false,"meta":{"resourceType":"User"},"roles":[]}
            """));
    }

    [Fact]
    public void Write_NoEnterpriseMapping_OnlyTheCoreSchema()
    {
        var mapping = CompiledObjectMapping.Compile(Users([Map("userName", "[userPrincipalName]", 1), Map("displayName", "[displayName]")]));

        Create(mapping, Zoe()).ShouldBe(
            Json.OneLine(
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"zoe.angstrom@contoso.com","displayName":"Zoë Ångström","meta":{"resourceType":"User"},"roles":[]}
            """));
    }

    [Fact]
    public void Write_CustomExtensionAttribute_InItsUrnObjectWithoutListingTheUrn()
    {
        var mapping = CompiledObjectMapping.Compile(Users(
        [
            Map("userName", "[userPrincipalName]", 1),
            Map("urn:ietf:params:scim:schemas:extension:Contoso:2.0:User:costCentre", "[department]"),
        ]));

        Create(mapping, Zoe()).ShouldBe(
            Json.OneLine(
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"zoe.angstrom@contoso.com","meta":{"resourceType":"User"},"roles":[],
            "urn:ietf:params:scim:schemas:extension:Contoso:2.0:User":{"costCentre":"Recherche & Développement"}}
            """));
    }

    [Fact]
    public void Write_SingleAppRoleAssignment_RoleElementAsB67()
    {
        var mapping = CompiledObjectMapping.Compile(Users(
        [
            Map("userName", "[userPrincipalName]", 1),
            Map("roles[primary eq \"True\"].value", "[role]"),
        ]));

        Create(mapping, Zoe().Set("role", "Admin")).ShouldBe(
            Json.OneLine(
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"zoe.angstrom@contoso.com","meta":{"resourceType":"User"},
            "roles":[{"primary":true,"type":"WindowsAzureActiveDirectoryRole","value":"Admin"}]}
            """));
    }

    [Fact]
    public void Write_Group_EntrasPostGroupsBodyWithoutMembers()
    {
        var groups = CompiledObjectMapping.Compile(Groups);
        var source = new AttributeBag()
            .Set("objectId", "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159")
            .Set("displayName", "Équipe Rødby")
            .Set("members", ["u1", "u2"]);

        Create(groups, source, ScimResourceWriter.ResourceTypeOf(Groups.TargetObjectName)).ShouldBe(
            Json.OneLine(
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
            "externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"Équipe Rødby","meta":{"resourceType":"Group"}}
            """));
    }

    [Theory]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:Group", ScimResourceType.Group)]
    [InlineData("Group", ScimResourceType.Group)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", ScimResourceType.User)]
    [InlineData("User", ScimResourceType.User)]
    public void ResourceTypeOf_TargetObjectName_GroupOrUser(string name, ScimResourceType expected) =>
        ScimResourceWriter.ResourceTypeOf(name).ShouldBe(expected);

    [Fact]
    public void Write_SameMappingTwice_IndependentBodies()
    {
        var writer = new ScimResourceWriter(DefaultUsers, ScimResourceType.User);
        var first = writer.Write(DefaultUsers.Evaluate(Zoe(), null, isCreate: true));

        var second = writer.Write(DefaultUsers.Evaluate(Zoe().Set("city", "Lund"), null, isCreate: true));

        ScimJson.Serialize(first).ShouldContain("\"locality\":\"Malmö\"");
        ScimJson.Serialize(second).ShouldContain("\"locality\":\"Lund\"");
        writer.WriteJson(DefaultUsers.Evaluate(Zoe(), null, isCreate: true)).ShouldBe(ScimJson.Serialize(first));
        writer.WriteJson(DefaultUsers.Evaluate(Zoe().Set("city", "Lund"), null, isCreate: true)).ShouldBe(ScimJson.Serialize(second));
    }
}
