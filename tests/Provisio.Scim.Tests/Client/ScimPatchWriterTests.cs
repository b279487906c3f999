using System.Text.Json.Nodes;
using Provisio.Scim.Client;

namespace Provisio.Scim.Tests.Client;

internal static class JsonNodeWriting
{
    public static string Serialize(this JsonNode node) => ScimJson.Serialize(node);
}

/// <summary>The PATCH bodies of reference B.7's table, byte for byte, in both dialects.</summary>
public sealed class ScimPatchWriterTests
{
    [Fact]
    public void Active_DefaultDialect_SendsStringFalseWithCapitalisedOp() =>
        ScimPatchWriter.Active(false, ScimDialect.Default).Serialize().ShouldBe(
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}""");

    [Fact]
    public void Active_Flag_SendsBooleanWithLowerCaseOp() =>
        ScimPatchWriter.Active(false, ScimDialect.AadOptScim062020).Serialize().ShouldBe(
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}""");

    [Theory]
    [InlineData(ScimDialect.Default, """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"nickName","value":"Babs"}]}""")]
    [InlineData(ScimDialect.AadOptScim062020, """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"nickName","value":"Babs"}]}""")]
    public void Write_AddSingleValueString_MatchesReferenceB7(ScimDialect dialect, string expected) =>
        ScimPatchWriter.Write([ScimChange.Add("nickName", "Babs")], dialect).Serialize().ShouldBe(expected);

    [Fact]
    public void RemoveMembers_DefaultDialect_SendsValueList() =>
        ScimPatchWriter.RemoveMembers(["u1091"], ScimDialect.Default).Serialize().ShouldBe(
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{"value":"u1091"}]}]}""");

    [Fact]
    public void RemoveMembers_Flag_SendsOnePathFilterPerMember() =>
        ScimPatchWriter.RemoveMembers(["7f4bc1a3-285e-48ae-8202-5accb43efb0e", "u2"], ScimDialect.AadOptScim062020).Serialize().ShouldBe(
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"7f4bc1a3-285e-48ae-8202-5accb43efb0e\"]"},{"op":"remove","path":"members[value eq \"u2\"]"}]}""");

    [Fact]
    public void AddMembers_Several_OneOperationWithNullRefsAsTheDefaultJobSends() =>
        ScimPatchWriter.AddMembers(["a", "b"], ScimDialect.Default).Serialize().ShouldBe(
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"members","value":[{"$ref":null,"value":"a"},{"$ref":null,"value":"b"}]}]}""");

    [Fact]
    public void AddMembers_Flag_ValuesOnly() =>
        ScimPatchWriter.AddMembers(["10263a6910a84ef9a581dd9b8dcc0eae"], ScimDialect.AadOptScim062020).Serialize().ShouldBe(
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"10263a6910a84ef9a581dd9b8dcc0eae"}]}]}""");

    private static readonly ScimChange[] ReplaceSeveral =
    [
        ScimChange.Replace("displayName", "Pvlo"),
        ScimChange.Replace("emails[type eq \"work\"].value", "TestBcwqnm@test.microsoft.com"),
        ScimChange.Replace("name.givenName", "Gtfd"),
        ScimChange.Replace("name.familyName", "Pkqf"),
        ScimChange.Replace("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "Eqpj"),
    ];

    [Fact]
    public void Write_ReplaceSeveralDefaultDialect_OneOperationEach()
    {
        var body = ScimPatchWriter.Write(ReplaceSeveral, ScimDialect.Default);

        var operations = body["Operations"]!.AsArray();
        operations.Count.ShouldBe(5);
        operations.Select(operation => operation!["op"]!.GetValue<string>()).ShouldAllBe(op => op == "Replace");
        operations[1]!.Serialize().ShouldBe("""{"op":"Replace","path":"emails[type eq \"work\"].value","value":"TestBcwqnm@test.microsoft.com"}""");
    }

    [Fact]
    public void Write_ReplaceSeveralFlag_FilteredPathSeparateRestInOnePathLessReplace()
    {
        var body = ScimPatchWriter.Write(ReplaceSeveral, ScimDialect.AadOptScim062020);

        body.Serialize().ShouldBe(
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[""" +
            """{"op":"replace","path":"emails[type eq \"work\"].value","value":"TestBcwqnm@test.microsoft.com"},""" +
            """{"op":"replace","value":{"displayName":"Pvlo","name.givenName":"Gtfd","name.familyName":"Pkqf","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"Eqpj"}}]}""");
    }

    [Theory]
    [InlineData(ScimDialect.Default, "Add")]
    [InlineData(ScimDialect.AadOptScim062020, "add")]
    public void Manager_Set_SendsEnterpriseManagerPathWithId(ScimDialect dialect, string op) =>
        ScimPatchWriter.Manager("271", dialect)["Operations"]![0]!.Serialize().ShouldBe(
            $$"""{"op":"{{op}}","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"271"}""");

    [Fact]
    public void Manager_Clear_ReplacesWithEmptyString() =>
        ScimPatchWriter.Manager(null, ScimDialect.AadOptScim062020)["Operations"]![0]!.Serialize().ShouldBe(
            """{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":""}""");

    [Fact]
    public void Write_BooleanOtherThanActiveDefaultDialect_AlsoString() =>
        ScimPatchWriter.Write([ScimChange.Replace("emails[type eq \"work\"].primary", JsonValue.Create(true))], ScimDialect.Default)["Operations"]![0]!["value"]!
            .GetValue<string>().ShouldBe("True");

    [Fact]
    public void Write_OpText_KeptInBothDialects_AndNeverMergedIntoTheFlagsPathlessReplace()
    {
        // reference B.6.7: AssertiveAppRoleAssignmentsComplex sends a lower-case replace of roles without the flag too.
        var roles = new JsonArray(new JsonObject { ["primary"] = false, ["type"] = "WindowsAzureActiveDirectoryRole", ["display"] = "User", ["value"] = "User" });
        ScimChange[] changes = [ScimChange.Replace("displayName", "Ann"), ScimChange.Replace("title", "Boss"), new(Scim.Patch.PatchOperationType.Replace, "roles", roles) { OpText = "replace" }];

        var plain = ScimPatchWriter.Write(changes, ScimDialect.Default)["Operations"]!.AsArray();
        var flagged = ScimPatchWriter.Write(changes, ScimDialect.AadOptScim062020)["Operations"]!.AsArray();

        plain.Select(operation => operation!["op"]!.GetValue<string>()).ShouldBe(["Replace", "Replace", "replace"]);
        flagged.Select(operation => operation!["path"]?.GetValue<string>()).ShouldBe(["roles", null], "roles stays an operation of its own");
        flagged[0]!.Serialize().ShouldBe(
            """{"op":"replace","path":"roles","value":[{"primary":false,"type":"WindowsAzureActiveDirectoryRole","display":"User","value":"User"}]}""");
    }

    [Theory]
    [InlineData(ScimDialect.Default, """{"op":"Add","path":"roles","value":[{"value":"{\"id\":\"1\",\"value\":\"User\",\"displayName\":\"User\"}"}]}""")]
    [InlineData(ScimDialect.AadOptScim062020, """{"op":"add","path":"roles","value":[{"primary":false,"type":"WindowsAzureActiveDirectoryRole","displayName":"User","value":"User"}]}""")]
    public void Write_DefaultDialectValue_WrittenOnlyWithoutTheFlag(ScimDialect dialect, string expected)
    {
        // reference B.6.7: AppRoleAssignmentsComplex's PATCH: JSON text without the flag, the POST's objects with it.
        var change = ScimChange.Add("roles", new JsonArray(new JsonObject
        {
            ["primary"] = false, ["type"] = "WindowsAzureActiveDirectoryRole", ["displayName"] = "User", ["value"] = "User",
        })) with
        {
            DefaultDialectValue = new JsonArray(new JsonObject { ["value"] = """{"id":"1","value":"User","displayName":"User"}""" }),
        };

        ScimPatchWriter.Write([change], dialect)["Operations"]![0]!.Serialize().ShouldBe(expected);
    }
}
