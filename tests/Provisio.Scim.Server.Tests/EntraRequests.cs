namespace Provisio.Scim.Server.Tests;

/// <summary>
/// The request bodies Entra sends, verbatim from ../shared/reference/entra-expressions-and-scim.md Part B (B.3, B.4,
/// B.5, B.7); only ids are filled in.
/// </summary>
internal static class EntraRequests
{
    /// <summary>B.3.1 Create User.</summary>
    public const string CreateUser = """
        {
            "schemas": [
                "urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
            "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
            "userName": "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
            "active": true,
            "emails": [{
                "primary": true,
                "type": "work",
                "value": "Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com"
            }],
            "meta": {
                "resourceType": "User"
            },
            "name": {
                "formatted": "givenName familyName",
                "familyName": "familyName",
                "givenName": "givenName"
            },
            "roles": []
        }
        """;

    /// <summary>B.3.1 older raw form ("Example 2"): null-valued attributes and the docs' <c>enterprise:2.0User</c> typo.</summary>
    public const string CreateUserLegacy = """
        {
           "schemas":
           [
             "urn:ietf:params:scim:schemas:core:2.0:User",
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0User"],
           "externalId":"jyoung",
           "userName":"jyoung@testuser.com",
           "active":true,
           "addresses":null,
           "displayName":"Joy Young",
           "emails": [
             {
               "type":"work",
               "value":"jyoung@Contoso.com",
               "primary":true}],
           "meta": {
             "resourceType":"User"},
            "name":{
             "familyName":"Young",
             "givenName":"Joy"},
           "phoneNumbers":null,
           "preferredLanguage":null,
           "title":null,
           "department":null,
           "manager":null}
        """;

    /// <summary>B.3.4 Update User, multi-valued.</summary>
    public const string PatchMultiValued = """
        {
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [
                    {
                    "op": "Replace",
                    "path": "emails[type eq \"work\"].value",
                    "value": "updatedEmail@microsoft.com"
                    },
                    {
                    "op": "Replace",
                    "path": "name.familyName",
                    "value": "updatedFamilyName"
                    }
            ]
        }
        """;

    /// <summary>B.3.5 Update User, single-valued.</summary>
    public const string PatchUserName = """
        {
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{
                "op": "Replace",
                "path": "userName",
                "value": "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"
            }]
        }
        """;

    /// <summary>B.3.6 Disable User (Operations before schemas, capitalised op, boolean).</summary>
    public const string DisableUser = """
        {
            "Operations": [
                {
                    "op": "Replace",
                    "path": "active",
                    "value": false
                }
            ],
            "schemas": [
                "urn:ietf:params:scim:api:messages:2.0:PatchOp"
            ]
        }
        """;

    /// <summary>B.7 Disable user without the flag: the string "False".</summary>
    public const string DisableUserDefault = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}""";

    /// <summary>B.7 Disable user with the flag.</summary>
    public const string DisableUserFlag = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}""";

    /// <summary>B.7 Add single-value string, without and with the flag.</summary>
    public const string AddNickNameDefault = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"nickName","value":"Babs"}]}""";

    public const string AddNickNameFlag = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"nickName","value":"Babs"}]}""";

    /// <summary>B.7 Replace multiple attributes without the flag.</summary>
    public const string ReplaceManyDefault = """
        {
          "schemas": [
              "urn:ietf:params:scim:api:messages:2.0:PatchOp"
          ],
          "Operations": [
              {
                  "op": "Replace",
                  "path": "displayName",
                  "value": "Pvlo"
              },
              {
                  "op": "Replace",
                  "path": "emails[type eq \"work\"].value",
                  "value": "TestBcwqnm@test.microsoft.com"
              },
              {
                  "op": "Replace",
                  "path": "name.givenName",
                  "value": "Gtfd"
              },
              {
                  "op": "Replace",
                  "path": "name.familyName",
                  "value": "Pkqf"
              },
              {
                  "op": "Replace",
                  "path": "externalId",
                  "value": "Eqpj"
              },
              {
                  "op": "Replace",
                  "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
                  "value": "Eqpj"
              }
          ]
        }
        """;

    /// <summary>B.7 Replace multiple attributes with the flag: one path-less replace whose keys are paths.</summary>
    public const string ReplaceManyFlag = """
        {
          "schemas": [
              "urn:ietf:params:scim:api:messages:2.0:PatchOp"
          ],
          "Operations": [
              {
                  "op": "replace",
                  "path": "emails[type eq \"work\"].value",
                  "value": "TestMhvaes@test.microsoft.com"
              },
              {
                  "op": "replace",
                  "value": {
                      "displayName": "Bjfe",
                      "name.givenName": "Kkom",
                      "name.familyName": "Unua",
                      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "Aklq"
                  }
              }
          ]
        }
        """;

    /// <summary>B.7 (2020 preview) add department by URN path.</summary>
    public const string AddDepartment = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Tech Infrastructure"}]}""";

    /// <summary>B.7 (2020 preview) several operations, with active inside a path-less replace.</summary>
    public const string ReplaceMixedFlag = """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
          {"op":"replace","path":"emails[type eq \"work\"].value","value":"someone@contoso.com"},
          {"op":"replace","path":"emails[type eq \"work\"].primary","value":true},
          {"op":"replace","value":{"active":false,"userName":"someone"}}]}
        """;

    /// <summary>B.3.8 / B.4 M1: manager as an array of references on the bare path.</summary>
    public static string ManagerLegacy(string managerId) => $$"""
        {
            "schemas":
            [
              "urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations":
            [
              {
                "op":"Add",
                "path":"manager",
                "value":
                  [
                    {
                      "$ref":"http://.../scim/Users/{{managerId}}",
                      "value":"{{managerId}}"}]}]}
        """;

    /// <summary>B.4 M3 (set, "Add") and M4 (change, "replace"): manager as a plain id on the URN path.</summary>
    public static string Manager(string op, string managerId) => $$"""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"{{op}}","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"{{managerId}}"}]}
        """;

    /// <summary>B.4 M5: an empty string removes the manager.</summary>
    public const string RemoveManager = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":""}]}""";

    /// <summary>B.5 Create group (with Microsoft's AD SCIM group schema).</summary>
    public const string CreateGroup = """
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
            "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
            "displayName": "displayName",
            "meta": {
                "resourceType": "Group"
            }
        }
        """;

    /// <summary>B.5 Update group non-member attributes.</summary>
    public const string RenameGroup = """
        {
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{
                "op": "Replace",
                "path": "displayName",
                "value": "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"
            }]
        }
        """;

    /// <summary>B.5 Add members (default job: <c>$ref: null</c>), any number at once.</summary>
    public static string AddMembers(params string[] ids) => $$"""
        {
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{
                "op": "Add",
                "path": "members",
                "value": [{{string.Join(",", ids.Select(id => $$"""{"$ref": null, "value": "{{id}}"}"""))}}]
            }]
        }
        """;

    /// <summary>B.5 Remove members (default job: op Remove, path members, a value array).</summary>
    public static string RemoveMembers(params string[] ids) => $$"""
        {
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{
                "op": "Remove",
                "path": "members",
                "value": [{{string.Join(",", ids.Select(id => $$"""{"$ref": null, "value": "{{id}}"}"""))}}]
            }]
        }
        """;

    /// <summary>B.7 Remove a group member with the flag: a value filter on the path, no value.</summary>
    public static string RemoveMemberFlag(string id) =>
        $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"{{id}}\"]"}]}""";

    /// <summary>B.7 (2020 preview) add a member with the flag: no <c>$ref</c>.</summary>
    public static string AddMemberFlag(string id) =>
        $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{id}}"}]}]}""";
}
