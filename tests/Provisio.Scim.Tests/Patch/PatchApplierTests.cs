using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provisio.Scim.Filters;
using Provisio.Scim.Patch;

namespace Provisio.Scim.Tests.Patch;

/// <summary>
/// Applying Entra's PATCH bodies (reference entra-expressions-and-scim B.3.4-B.3.6, B.4, B.5, B.6, B.7) to realistic
/// users and groups, asserting the JSON that results: RFC 7644 §3.5.2 semantics with the leniencies Entra relies on
/// (string booleans, manager shapes, filtered paths that create, legacy member removal, path-less replace).
/// </summary>
public sealed class PatchApplierTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private const string WorkEmail = "Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reference B.3.1's created user (as the server stored it), with a home email beside the work one.</summary>
    private const string UserJson = """
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "id": "48af03ac28ad4fb88478",
            "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
            "meta": {
                "resourceType": "User",
                "created": "2018-03-27T19:59:26.000Z",
                "lastModified": "2018-03-27T19:59:26.000Z"
            },
            "userName": "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
            "name": {
                "formatted": "givenName familyName",
                "familyName": "familyName",
                "givenName": "givenName"
            },
            "active": true,
            "emails": [{
                "value": "Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com",
                "type": "work",
                "primary": true
            }, {
                "value": "jyoung@example.org",
                "type": "home"
            }]
        }
        """;

    /// <summary>A user as Entra creates one without mail or phone: nothing multi-valued to match a filter.</summary>
    private const string BareUserJson = """
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "id": "5171a35d82074e068ce2",
            "externalId": "jyoung",
            "userName": "jyoung@testuser.com",
            "active": true,
            "displayName": "Joy Young",
            "name": {"familyName": "Young", "givenName": "Joy"},
            "meta": {"resourceType": "User"}
        }
        """;

    /// <summary>A user with the enterprise extension and a manager already set.</summary>
    private const string ManagedUserJson = """
        {
            "schemas": [
                "urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
            ],
            "id": "6764549bef60420686bc",
            "userName": "deanruiz@testuser.com",
            "active": true,
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
                "employeeNumber": "701984",
                "department": "Tour Operations",
                "manager": {"value": "firstManagerId"}
            }
        }
        """;

    /// <summary>Reference B.5's created group, with three members.</summary>
    private const string GroupJson = """
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
            "id": "a99962b9f99d4c4fac67",
            "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
            "meta": {
                "resourceType": "Group",
                "created": "2018-03-27T19:59:26.000Z",
                "lastModified": "2018-03-27T19:59:26.000Z"
            },
            "displayName": "displayName",
            "members": [
                {"value": "f648f8d5ea4e4cd38e9c"},
                {"value": "u1091"},
                {"value": "7f4bc1a3-285e-48ae-8202-5accb43efb0e"}
            ]
        }
        """;

    /// <summary>Reference B.5's created group as returned: "Groups are created with an empty members list."</summary>
    private const string EmptyGroupJson = """
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
            "id": "927fa2c08dcb4a7fae9e",
            "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
            "displayName": "displayName",
            "members": []
        }
        """;

    // ---- reference B.3.4-B.3.6 ----

    [Fact]
    public void Apply_B34MultiValuedUpdate_ReplacesWorkEmailValueAndFamilyName()
    {
        // Arrange: reference B.3.4, verbatim
        const string body = """
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

        // Act
        var user = Patched(UserJson, body);

        // Assert: only the work email changes; its type and primary stay
        ShouldBeJson(user["emails"], """
            [
                {"value": "updatedEmail@microsoft.com", "type": "work", "primary": true},
                {"value": "jyoung@example.org", "type": "home"}
            ]
            """);
        user["name"]!["familyName"]!.GetValue<string>().ShouldBe("updatedFamilyName");
        user["name"]!["givenName"]!.GetValue<string>().ShouldBe("givenName");
        user["userName"]!.GetValue<string>().ShouldBe("Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee");
    }

    [Fact]
    public void Apply_B35SingleValuedUpdate_ReplacesUserNameAndNothingElse()
    {
        // Arrange: reference B.3.5, verbatim
        const string body = """
            {
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [{
                    "op": "Replace",
                    "path": "userName",
                    "value": "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"
                }]
            }
            """;
        var expected = ScimJson.ParseObject(UserJson);
        expected["userName"] = "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com";

        // Act
        var user = Patched(UserJson, body);

        // Assert
        ShouldBeJson(user, expected.ToJsonString());
    }

    [Theory]
    // reference B.3.6, verbatim ("Operations" before "schemas", capitalised op, boolean)
    [InlineData("""
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
        """)]
    // reference B.7, without the flag: the string "False"
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}""")]
    // reference B.7, with the flag: lowercase op, boolean
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}""")]
    // reference B.3.6's field variants: "false", and any casing
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"false"}]}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"FALSE"}]}""")]
    // reference B.7's 2020 preview: active inside a path-less replace
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","value":{"active":"False"}}]}""")]
    public void Apply_DisableUser_ActiveIsJsonFalse(string body)
    {
        // Act
        var user = Patched(UserJson, body);

        // Assert: reference B.3.6, B.6.5: strings "True"/"False" are booleans
        user["active"]!.GetValueKind().ShouldBe(JsonValueKind.False);
    }

    [Theory]
    [InlineData("\"True\"")]
    [InlineData("\"true\"")]
    [InlineData("true")]
    public void Apply_EnableUser_ActiveIsJsonTrue(string value)
    {
        // Arrange: a disabled user; the default job re-enables with "True" (reference B.6.5)
        var disabled = ScimJson.ParseObject(UserJson);
        disabled["active"] = false;

        // Act
        var user = Patched(disabled.ToJsonString(), Body($$"""{"op":"Replace","path":"active","value":{{value}}}"""));

        // Assert
        user["active"]!.GetValueKind().ShouldBe(JsonValueKind.True);
    }

    [Theory]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"nickName","value":"Babs"}]}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"nickName","value":"Babs"}]}""")]
    public void Apply_B7AddSingleValueString_SetsNickName(string body)
    {
        // Act: reference B.7 "Add single-value string", both dialects
        var user = Patched(UserJson, body);

        // Assert
        user["nickName"].ShouldBeAssignableTo<JsonValue>().ShouldNotBeNull().GetValue<string>().ShouldBe("Babs");
    }

    [Fact]
    public void Apply_AddSingleValueStringThatExists_ReplacesIt()
    {
        // Arrange: RFC 7644 §3.5.2.1, "If the target location specifies a single-valued attribute, the existing value is replaced."
        var nicknamed = ScimJson.ParseObject(UserJson);
        nicknamed["nickName"] = "Joy";

        // Act
        var user = Patched(nicknamed.ToJsonString(), Body("""{"op":"Add","path":"nickName","value":"Babs"}"""));

        // Assert
        user["nickName"]!.GetValue<string>().ShouldBe("Babs");
    }

    // ---- reference B.7: replace multiple attributes, both dialects ----

    [Fact]
    public void Apply_B7ReplaceMultipleWithFlag_ReadsKeysAsPathsAndCreatesEnterpriseExtension()
    {
        // Arrange: reference B.7 "Replace multiple attributes — with flag", verbatim
        const string body = """
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

        // Act
        var user = Patched(UserJson, body);

        // Assert: "name.givenName" is a path, not a literal attribute; the extension object is created and listed in schemas
        ShouldBeJson(user, """
            {
                "schemas": [
                    "urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
                ],
                "id": "48af03ac28ad4fb88478",
                "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
                "meta": {
                    "resourceType": "User",
                    "created": "2018-03-27T19:59:26.000Z",
                    "lastModified": "2018-03-27T19:59:26.000Z"
                },
                "userName": "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
                "name": {
                    "formatted": "givenName familyName",
                    "familyName": "Unua",
                    "givenName": "Kkom"
                },
                "active": true,
                "emails": [{
                    "value": "TestMhvaes@test.microsoft.com",
                    "type": "work",
                    "primary": true
                }, {
                    "value": "jyoung@example.org",
                    "type": "home"
                }],
                "displayName": "Bjfe",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
                    "employeeNumber": "Aklq"
                }
            }
            """);
    }

    [Fact]
    public void Apply_B7ReplaceMultipleWithoutFlag_ReplacesEachPath()
    {
        // Arrange: reference B.7 "Replace multiple attributes — without flag", verbatim
        const string body = """
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

        // Act
        var user = Patched(UserJson, body);

        // Assert
        ShouldBeJson(user, """
            {
                "schemas": [
                    "urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
                ],
                "id": "48af03ac28ad4fb88478",
                "externalId": "Eqpj",
                "meta": {
                    "resourceType": "User",
                    "created": "2018-03-27T19:59:26.000Z",
                    "lastModified": "2018-03-27T19:59:26.000Z"
                },
                "userName": "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
                "name": {
                    "formatted": "givenName familyName",
                    "familyName": "Pkqf",
                    "givenName": "Gtfd"
                },
                "active": true,
                "emails": [{
                    "value": "TestBcwqnm@test.microsoft.com",
                    "type": "work",
                    "primary": true
                }, {
                    "value": "jyoung@example.org",
                    "type": "home"
                }],
                "displayName": "Pvlo",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
                    "employeeNumber": "Eqpj"
                }
            }
            """);
    }

    [Fact]
    public void Apply_B7PreviewUserUpdate_SetsWorkEmailPrimaryAndPathlessAttributes()
    {
        // Arrange: reference B.7, the 2020 preview's last request (content verbatim)
        const string body = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
              {"op":"replace","path":"emails[type eq \"work\"].value","value":"someone@contoso.com"},
              {"op":"replace","path":"emails[type eq \"work\"].primary","value":true},
              {"op":"replace","value":{"active":false,"userName":"someone"}}]}
            """;

        // Act
        var user = Patched(BareUserJson, body);

        // Assert: the work email is created from the filter (reference B.6.3)
        ShouldBeJson(user["emails"], """[{"type": "work", "value": "someone@contoso.com", "primary": true}]""");
        user["active"]!.GetValueKind().ShouldBe(JsonValueKind.False);
        user["userName"]!.GetValue<string>().ShouldBe("someone");
    }

    [Fact]
    public void Apply_B7PreviewDepartmentAdd_CreatesEnterpriseExtensionAndListsItsSchema()
    {
        // Arrange: reference B.7's 2020 preview, verbatim
        const string body = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Tech Infrastructure"}]}""";

        // Act
        var user = Patched(BareUserJson, body);

        // Assert
        ShouldBeJson(user[Enterprise], """{"department": "Tech Infrastructure"}""");
        ShouldBeJson(user["schemas"], $"""["urn:ietf:params:scim:schemas:core:2.0:User", "{Enterprise}"]""");
        user.ContainsKey("department").ShouldBeFalse();
    }

    [Fact]
    public void Apply_ExtensionAttributeOnUserWithExtension_DoesNotListSchemaTwice()
    {
        // Act
        var user = Patched(ManagedUserJson, Body($$"""{"op":"Replace","path":"{{Enterprise}}:department","value":"Finance"}"""));

        // Assert
        ShouldBeJson(user["schemas"], $"""["urn:ietf:params:scim:schemas:core:2.0:User", "{Enterprise}"]""");
        ShouldBeJson(user[Enterprise], """{"employeeNumber": "701984", "department": "Finance", "manager": {"value": "firstManagerId"}}""");
    }

    // ---- reference B.4: manager M1-M6 ----

    [Fact]
    public void Apply_ManagerM1BarePathWithArray_StoresManagerAsComplexWithValue()
    {
        // Arrange: reference B.3.8 (M1), verbatim
        const string body = """
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
                          "$ref":"http://.../scim/Users/00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
                          "value":"00aa00aa-bb11-cc22-dd33-44ee44ee44ee"}]}]}
            """;

        // Act
        var user = Patched(BareUserJson, body);

        // Assert: reference B.4, verification reads manager.value (extension or top level); a single complex value, not an array
        var manager = Manager(user).ShouldBeOfType<JsonObject>();
        manager["value"]!.GetValue<string>().ShouldBe("00aa00aa-bb11-cc22-dd33-44ee44ee44ee");
    }

    [Theory]
    [InlineData("Add", "271")] // M2
    [InlineData("Add", "managerId")] // M3
    public void Apply_ManagerM2M3PlainId_StoresValueObjectInEnterpriseExtension(string op, string id)
    {
        // Arrange: reference B.4 M2, M3
        var body = Body($$"""{"op": "{{op}}", "path": "{{Enterprise}}:manager", "value": "{{id}}"}""");

        // Act
        var user = Patched(BareUserJson, body);

        // Assert
        ShouldBeJson(user[Enterprise], $$$"""{"manager": {"value": "{{{id}}}"}}""");
        ShouldBeJson(user["schemas"], $"""["urn:ietf:params:scim:schemas:core:2.0:User", "{Enterprise}"]""");
    }

    [Fact]
    public void Apply_ManagerM4Change_ReplacesManager()
    {
        // Arrange: reference B.4 M4
        var body = Body($$"""{"op": "replace", "path": "{{Enterprise}}:manager", "value": "secondManagerId"}""");

        // Act
        var user = Patched(ManagedUserJson, body);

        // Assert
        ShouldBeJson(user[Enterprise], """{"employeeNumber": "701984", "department": "Tour Operations", "manager": {"value": "secondManagerId"}}""");
    }

    [Theory]
    [InlineData("replace", "\"\"")] // M5: the empty string removes
    [InlineData("Replace", "null")] // LAV SCIM_Null_Update_Test (reference B.6.5)
    [InlineData("Add", "\"\"")]
    public void Apply_ManagerM5Empty_RemovesManager(string op, string value)
    {
        // Arrange: reference B.4 M5
        var body = Body($$"""{"op": "{{op}}", "path": "{{Enterprise}}:manager", "value": {{value}}}""");

        // Act
        var user = Patched(ManagedUserJson, body);

        // Assert: other enterprise attributes stay
        Manager(user).ShouldBeNull();
        ShouldBeJson(user[Enterprise], """{"employeeNumber": "701984", "department": "Tour Operations"}""");
    }

    [Fact]
    public void Apply_ManagerRemoveOp_RemovesManager()
    {
        // Act
        var user = Patched(ManagedUserJson, Body($$"""{"op": "Remove", "path": "{{Enterprise}}:manager"}"""));

        // Assert
        Manager(user).ShouldBeNull();
    }

    [Fact]
    public void Apply_ManagerM6PathlessReplace_StoresValueObjectInEnterpriseExtension()
    {
        // Arrange: reference B.4 M6
        var body = Body($$$"""{"op": "replace", "value": {"{{{Enterprise}}}:manager": "secondManagerId", "displayName": "Dean Ruiz"}}""");

        // Act
        var user = Patched(ManagedUserJson, body);

        // Assert
        ShouldBeJson(user[Enterprise]!["manager"], """{"value": "secondManagerId"}""");
        user["displayName"]!.GetValue<string>().ShouldBe("Dean Ruiz");
    }

    // ---- reference B.5 and B.7: groups ----

    [Fact]
    public void Apply_B5GroupDisplayName_ReplacesDisplayNameAndKeepsMembers()
    {
        // Arrange: reference B.5, verbatim
        const string body = """
            {
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [{
                    "op": "Replace",
                    "path": "displayName",
                    "value": "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"
                }]
            }
            """;

        // Act
        var group = Patched(GroupJson, body);

        // Assert
        group["displayName"]!.GetValue<string>().ShouldBe("1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName");
        Members(group).ShouldBe(["f648f8d5ea4e4cd38e9c", "u1091", "7f4bc1a3-285e-48ae-8202-5accb43efb0e"]);
    }

    [Fact]
    public void Apply_B5AddMember_AddsToEmptyMembers()
    {
        // Arrange: reference B.5 "Add members", verbatim
        const string body = """
            {
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [{
                    "op": "Add",
                    "path": "members",
                    "value": [{
                        "$ref": null,
                        "value": "f648f8d5ea4e4cd38e9c"
                    }]
                }]
            }
            """;

        // Act
        var group = Patched(EmptyGroupJson, body);

        // Assert
        Members(group).ShouldBe(["f648f8d5ea4e4cd38e9c"]);
    }

    [Fact]
    public void Apply_B7PreviewAddMemberWithoutRef_AddsToExistingMembers()
    {
        // Arrange: reference B.7's 2020 preview, verbatim
        const string body = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"10263a6910a84ef9a581dd9b8dcc0eae"}]}]}""";

        // Act
        var group = Patched(GroupJson, body);

        // Assert
        Members(group).ShouldBe(["f648f8d5ea4e4cd38e9c", "u1091", "7f4bc1a3-285e-48ae-8202-5accb43efb0e", "10263a6910a84ef9a581dd9b8dcc0eae"]);
    }

    [Fact]
    public void Apply_AddSeveralMembersOneExisting_AddsEachOnce()
    {
        // Arrange: reference B.5, many members in one PATCH; RFC 7644 §3.5.2.1, a value already there is not added again
        var body = Body("""
            {"op": "Add", "path": "members", "value": [
                {"$ref": null, "value": "u1091"},
                {"$ref": null, "value": "a1b2c3"},
                {"$ref": null, "value": "d4e5f6"},
                {"$ref": null, "value": "a1b2c3"}
            ]}
            """);

        // Act
        var group = Patched(GroupJson, body);

        // Assert
        Members(group).ShouldBe(["f648f8d5ea4e4cd38e9c", "u1091", "7f4bc1a3-285e-48ae-8202-5accb43efb0e", "a1b2c3", "d4e5f6"]);
    }

    [Fact]
    public void Apply_AddMembersInTwoOperations_AddsEachOnce()
    {
        // Arrange
        var body = Body("""{"op": "Add", "path": "members", "value": [{"value": "a1b2c3"}]}""",
            """{"op": "add", "path": "members", "value": [{"value": "a1b2c3"}, {"value": "f648f8d5ea4e4cd38e9c"}]}""");

        // Act
        var group = Patched(EmptyGroupJson, body);

        // Assert
        Members(group).ShouldBe(["a1b2c3", "f648f8d5ea4e4cd38e9c"]);
    }

    [Theory]
    // reference B.7, without the flag, verbatim
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{"value":"u1091"}]}]}""")]
    // the same in the flag's form
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"u1091\"]"}]}""")]
    public void Apply_RemoveMember_RemovesOnlyThatMember(string body)
    {
        // Act
        var group = Patched(GroupJson, body);

        // Assert: reference B.5, Remove + members + value[] means "remove these members", not all
        Members(group).ShouldBe(["f648f8d5ea4e4cd38e9c", "7f4bc1a3-285e-48ae-8202-5accb43efb0e"]);
    }

    [Fact]
    public void Apply_B5RemoveMemberWithNullRef_RemovesThatMember()
    {
        // Arrange: reference B.5 "Remove members (default job)", verbatim
        const string body = """
            {
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [{
                    "op": "Remove",
                    "path": "members",
                    "value": [{
                        "$ref": null,
                        "value": "f648f8d5ea4e4cd38e9c"
                    }]
                }]
            }
            """;

        // Act
        var group = Patched(GroupJson, body);

        // Assert
        Members(group).ShouldBe(["u1091", "7f4bc1a3-285e-48ae-8202-5accb43efb0e"]);
    }

    [Fact]
    public void Apply_B7RemoveMemberWithFlag_RemovesThatMember()
    {
        // Arrange: reference B.7, with the flag, verbatim
        const string body = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"7f4bc1a3-285e-48ae-8202-5accb43efb0e\"]"}]}""";

        // Act
        var group = Patched(GroupJson, body);

        // Assert
        Members(group).ShouldBe(["f648f8d5ea4e4cd38e9c", "u1091"]);
    }

    [Fact]
    public void Apply_RemoveSeveralMembersLegacy_RemovesEach()
    {
        // Arrange
        var body = Body("""{"op":"Remove","path":"members","value":[{"value":"u1091"},{"value":"f648f8d5ea4e4cd38e9c"}]}""");

        // Act
        var group = Patched(GroupJson, body);

        // Assert
        Members(group).ShouldBe(["7f4bc1a3-285e-48ae-8202-5accb43efb0e"]);
    }

    [Theory]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{"value":"u1091"}]}]}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"u1091\"]"}]}""")]
    public void Apply_RemoveLastMember_RemovesMembersAttribute(string body)
    {
        // Arrange: a group whose only member is u1091
        var group = ScimJson.ParseObject(GroupJson);
        group["members"] = new JsonArray(new JsonObject { ["value"] = "u1091" });

        // Act
        var patched = Patched(group.ToJsonString(), body);

        // Assert: RFC 7644 §3.5.2.2, "If no other values remain ... the multi-valued attribute SHALL be considered unassigned"
        patched.ContainsKey("members").ShouldBeFalse();
    }

    [Theory]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{"value":"not-a-member"}]}]}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"not-a-member\"]"}]}""")]
    public void Apply_RemoveMemberNotInGroup_LeavesMembersUnchanged(string body)
    {
        // Act: Entra repeats a removal after a retry; it must not fail (reference B.10)
        var group = Patched(GroupJson, body);

        // Assert
        Members(group).ShouldBe(["f648f8d5ea4e4cd38e9c", "u1091", "7f4bc1a3-285e-48ae-8202-5accb43efb0e"]);
    }

    [Fact]
    public void Apply_RemoveMembersWithoutValue_RemovesAllMembers()
    {
        // Act: RFC 7644 §3.5.2.2, a multi-valued attribute without a filter: "the attribute and all values are removed"
        var group = Patched(GroupJson, Body("""{"op":"remove","path":"members"}"""));

        // Assert
        group.ContainsKey("members").ShouldBeFalse();
        group["displayName"]!.GetValue<string>().ShouldBe("displayName");
    }

    // ---- reference B.6.3: a filtered path that matches nothing creates the element ----

    [Theory]
    [InlineData("Replace")]
    [InlineData("replace")]
    [InlineData("Add")]
    public void Apply_FilteredWorkEmailOnUserWithoutEmails_CreatesWorkEmail(string op)
    {
        // Arrange: reference B.6.3 (VAL "Add Attributes"; Entra's Replace with no match acts as add)
        var body = Body($$"""{"op":"{{op}}","path":"emails[type eq \"work\"].value","value":"jyoung@contoso.com"}""");

        // Act
        var user = Patched(BareUserJson, body);

        // Assert
        ShouldBeJson(user["emails"], """[{"type": "work", "value": "jyoung@contoso.com"}]""");
    }

    [Fact]
    public void Apply_FilteredMobilePhoneOnUserWithoutPhones_CreatesMobilePhone()
    {
        // Act: reference B.6.4, phoneNumbers[type eq "mobile"].value
        var user = Patched(BareUserJson, Body("""{"op":"Replace","path":"phoneNumbers[type eq \"mobile\"].value","value":"+1 555-555-4444"}"""));

        // Assert
        ShouldBeJson(user["phoneNumbers"], """[{"type": "mobile", "value": "+1 555-555-4444"}]""");
    }

    [Fact]
    public void Apply_FilteredMobilePhoneBesideWorkPhone_AddsMobileAndKeepsWork()
    {
        // Arrange
        var phoned = ScimJson.ParseObject(BareUserJson);
        phoned["phoneNumbers"] = new JsonArray(new JsonObject { ["type"] = "work", ["value"] = "555-555-5555" });

        // Act
        var user = Patched(phoned.ToJsonString(), Body("""{"op":"Replace","path":"phoneNumbers[type eq \"mobile\"].value","value":"555-555-4444"}"""));

        // Assert
        ShouldBeJson(user["phoneNumbers"], """
            [{"type": "work", "value": "555-555-5555"}, {"type": "mobile", "value": "555-555-4444"}]
            """);
    }

    [Fact]
    public void Apply_FilteredWorkAddressPostalCode_CreatesWorkAddress()
    {
        // Act: reference B.6.4, addresses[type eq "work"].postalCode
        var user = Patched(BareUserJson, Body("""{"op":"Replace","path":"addresses[type eq \"work\"].postalCode","value":"91608"}"""));

        // Assert
        ShouldBeJson(user["addresses"], """[{"type": "work", "postalCode": "91608"}]""");
    }

    [Fact]
    public void Apply_FilteredPrimaryRole_CreatesRoleWithBooleanPrimary()
    {
        // Act: reference B.6.4, roles[primary eq "True"].value; the seeded primary is a boolean (B.6.5)
        var user = Patched(BareUserJson, Body("""{"op":"Add","path":"roles[primary eq \"True\"].value","value":"Admin"}"""));

        // Assert
        ShouldBeJson(user["roles"], """[{"primary": true, "value": "Admin"}]""");
        user["roles"]![0]!["primary"]!.GetValueKind().ShouldBe(JsonValueKind.True);
    }

    [Fact]
    public void Apply_FilteredPrimaryRoleThatExists_ReplacesItsValue()
    {
        // Arrange
        var roled = ScimJson.ParseObject(BareUserJson);
        roled["roles"] = JsonNode.Parse("""
            [{"primary": true, "type": "WindowsAzureActiveDirectoryRole", "value": "User"}]
            """);

        // Act
        var user = Patched(roled.ToJsonString(), Body("""{"op":"Replace","path":"roles[primary eq \"True\"].value","value":"Admin"}"""));

        // Assert
        ShouldBeJson(user["roles"], """[{"primary": true, "type": "WindowsAzureActiveDirectoryRole", "value": "Admin"}]""");
    }

    // ---- RFC 7644 §3.5.2: primary is unique ----

    [Theory]
    // reference B.7's 2020 preview: the flag sends primary as a boolean
    [InlineData("""{"op":"replace","path":"emails[type eq \"work\"].primary","value":true}""")]
    // the default job sends it as a string (reference B.6.5)
    [InlineData("""{"op":"Replace","path":"emails[type eq \"work\"].primary","value":"True"}""")]
    public void Apply_SetPrimaryOnWorkEmail_ClearsPrimaryOnOtherEmails(string operation)
    {
        // Arrange: the home email is primary
        var user = ScimJson.ParseObject(UserJson);
        user["emails"] = JsonNode.Parse("""
            [{"value": "work@contoso.com", "type": "work", "primary": false},
             {"value": "jyoung@example.org", "type": "home", "primary": true}]
            """);

        // Act
        var patched = Patched(user.ToJsonString(), Body(operation));

        // Assert: RFC 7644 §3.5.2, setting "primary" to true "SHALL cause the server to automatically set "primary" to
        // "false" for any other values in the array"
        ShouldBeJson(patched["emails"], """
            [{"value": "work@contoso.com", "type": "work", "primary": true},
             {"value": "jyoung@example.org", "type": "home", "primary": false}]
            """);
    }

    // ---- RFC 7644 §3.5.2.2: remove ----

    [Fact]
    public void Apply_RemoveSubAttribute_RemovesOnlyThatSubAttribute()
    {
        // Act
        var user = Patched(UserJson, Body("""{"op":"Remove","path":"name.givenName"}"""));

        // Assert
        ShouldBeJson(user["name"], """{"formatted": "givenName familyName", "familyName": "familyName"}""");
    }

    [Fact]
    public void Apply_RemoveFilteredSubAttribute_RemovesItFromMatchingElementOnly()
    {
        // Act
        var user = Patched(UserJson, Body("""{"op":"remove","path":"emails[type eq \"work\"].primary"}"""));

        // Assert
        ShouldBeJson(user["emails"], $$"""
            [{"value": "{{WorkEmail}}", "type": "work"}, {"value": "jyoung@example.org", "type": "home"}]
            """);
    }

    [Fact]
    public void Apply_RemoveFilteredElement_RemovesThatElement()
    {
        // Act
        var user = Patched(UserJson, Body("""{"op":"remove","path":"emails[type eq \"home\"]"}"""));

        // Assert
        ShouldBeJson(user["emails"], $$"""[{"value": "{{WorkEmail}}", "type": "work", "primary": true}]""");
    }

    [Fact]
    public void Apply_RemoveExtensionAttribute_RemovesItAndKeepsTheRest()
    {
        // Act
        var user = Patched(ManagedUserJson, Body($$"""{"op":"Remove","path":"{{Enterprise}}:employeeNumber"}"""));

        // Assert
        ShouldBeJson(user[Enterprise], """{"department": "Tour Operations", "manager": {"value": "firstManagerId"}}""");
    }

    [Fact]
    public void Apply_RemoveAttributeThatIsAbsent_Succeeds()
    {
        // Act
        var user = Patched(BareUserJson, Body("""{"op":"Remove","path":"title"}""", $$"""{"op":"Remove","path":"{{Enterprise}}:department"}"""));

        // Assert
        ShouldBeJson(user, BareUserJson);
    }

    // ---- RFC 7644 §3.5.2.3: replace ----

    [Fact]
    public void Apply_B67ReplaceWholeRoles_ReplacesAllValues()
    {
        // Arrange: reference B.6.7, AssertiveAppRoleAssignmentsComplex PATCH (lowercase replace without the flag)
        var roled = ScimJson.ParseObject(BareUserJson);
        roled["roles"] = JsonNode.Parse("""
            [{"primary": false, "type": "WindowsAzureActiveDirectoryRole", "display": "Admin", "value": "Admin"}]
            """);
        var body = Body("""
            {"op":"replace","path":"roles","value":[{"primary":false,"type":"WindowsAzureActiveDirectoryRole","display":"User","value":"User"},{"primary":false,"type":"WindowsAzureActiveDirectoryRole","display":"Test","value":"Test"}]}
            """);

        // Act
        var user = Patched(roled.ToJsonString(), body);

        // Assert
        ShouldBeJson(user["roles"], """
            [{"primary": false, "type": "WindowsAzureActiveDirectoryRole", "display": "User", "value": "User"},
             {"primary": false, "type": "WindowsAzureActiveDirectoryRole", "display": "Test", "value": "Test"}]
            """);
    }

    [Fact]
    public void Apply_ReplaceWholeEmails_ReplacesAllValues()
    {
        // Act: RFC 7644 §3.5.2.3, a multi-valued target without a filter: "the attribute and all values are replaced"
        var user = Patched(UserJson, Body("""{"op":"Replace","path":"emails","value":[{"value":"new@contoso.com","type":"work","primary":true}]}"""));

        // Assert
        ShouldBeJson(user["emails"], """[{"value": "new@contoso.com", "type": "work", "primary": true}]""");
    }

    [Fact]
    public void Apply_ReplaceFilteredElementWithObject_ReplacesThatElement()
    {
        // Act
        var user = Patched(UserJson, Body("""{"op":"replace","path":"emails[type eq \"home\"]","value":{"value":"joy@example.net","type":"home"}}"""));

        // Assert
        ShouldBeJson(user["emails"], $$"""
            [{"value": "{{WorkEmail}}", "type": "work", "primary": true}, {"value": "joy@example.net", "type": "home"}]
            """);
    }

    [Fact]
    public void Apply_ReplaceFilteredElementWithScalar_FailsWithInvalidValue()
    {
        // Arrange
        var user = ScimJson.ParseObject(UserJson);

        // Act
        var error = Apply(user, Body("""{"op":"replace","path":"emails[type eq \"home\"]","value":"joy@example.net"}"""));

        // Assert
        error.ShouldNotBeNull().ScimType.ShouldBe("invalidValue");
    }

    [Theory]
    [InlineData("""{"op":"Replace","path":"title","value":null}""")]
    [InlineData("""{"op":"Add","path":"title","value":null}""")]
    [InlineData("""{"op":"replace","value":{"title":null}}""")]
    public void Apply_NullValue_ClearsAttribute(string operation)
    {
        // Arrange: reference B.6.5 (LAV SCIM_Null_Update_Test PATCHes null and expects null back)
        var titled = ScimJson.ParseObject(UserJson);
        titled["title"] = "Tour Guide";

        // Act
        var user = Patched(titled.ToJsonString(), Body(operation));

        // Assert
        user.ContainsKey("title").ShouldBeFalse();
    }

    [Fact]
    public void Apply_NullSubAttribute_ClearsOnlyThatSubAttribute()
    {
        // Act
        var user = Patched(UserJson, Body("""{"op":"Replace","path":"name.givenName","value":null}"""));

        // Assert
        ShouldBeJson(user["name"], """{"formatted": "givenName familyName", "familyName": "familyName"}""");
    }

    [Theory]
    [InlineData("""{"op":"Replace","path":"id","value":"other"}""")]
    [InlineData("""{"op":"replace","path":"ID","value":"other"}""")]
    [InlineData("""{"op":"Remove","path":"id"}""")]
    [InlineData("""{"op":"Add","path":"id","value":"other"}""")]
    [InlineData("""{"op":"replace","value":{"id":"other"}}""")]
    [InlineData("""{"op":"Replace","path":"meta.lastModified","value":"2030-01-01T00:00:00Z"}""")]
    public void Apply_ReadOnlyAttribute_FailsWithMutability(string operation)
    {
        // Arrange
        var user = ScimJson.ParseObject(UserJson);

        // Act
        var error = Apply(user, Body(operation));

        // Assert: RFC 7643 §2.2 and §3.1, id and meta are readOnly; RFC 7644 §3.12 mutability
        error.ShouldNotBeNull().ScimType.ShouldBe("mutability");
        ShouldBeJson(user, UserJson);
    }

    [Fact]
    public void Apply_AddToComplexAttribute_MergesSubAttributes()
    {
        // Act: RFC 7644 §3.5.2.1, a complex target: the sub-attributes in value are added or replaced, the others stay
        var user = Patched(UserJson, Body("""{"op":"add","path":"name","value":{"givenName":"x"}}"""));

        // Assert
        ShouldBeJson(user["name"], """{"formatted": "givenName familyName", "familyName": "familyName", "givenName": "x"}""");
    }

    [Fact]
    public void Apply_AddComplexAttributeThatIsAbsent_SetsIt()
    {
        // Arrange
        var nameless = ScimJson.ParseObject(BareUserJson);
        nameless.Remove("name");

        // Act
        var user = Patched(nameless.ToJsonString(), Body("""{"op":"add","path":"name","value":{"givenName":"Joy","familyName":"Young"}}"""));

        // Assert
        ShouldBeJson(user["name"], """{"givenName": "Joy", "familyName": "Young"}""");
    }

    [Theory]
    [InlineData("""{"op":"replace","path":"name","value":{"givenName":"x"}}""")]
    [InlineData("""{"op":"replace","value":{"name":{"givenName":"x"}}}""")]
    public void Apply_ReplaceComplexAttribute_KeepsSubAttributesNotInValue(string operation)
    {
        // Act
        var user = Patched(UserJson, Body(operation));

        // Assert: RFC 7644 §3.5.2.3, "Sub-attributes that are not specified in the "value" parameter are left unchanged."
        ShouldBeJson(user["name"], """{"formatted": "givenName familyName", "familyName": "familyName", "givenName": "x"}""");
    }

    [Fact]
    public void Apply_PathlessAdd_AddsEachAttribute()
    {
        // Act: RFC 7644 §3.5.2.1, without a path the value holds the attributes to add
        var user = Patched(BareUserJson, Body("""{"op":"add","value":{"nickName":"Babs","emails":[{"value":"babs@contoso.com","type":"work"}]}}"""));

        // Assert
        user["nickName"]!.GetValue<string>().ShouldBe("Babs");
        ShouldBeJson(user["emails"], """[{"value": "babs@contoso.com", "type": "work"}]""");
    }

    [Fact]
    public void Apply_PathlessKeyThatIsNotAPath_FailsWithInvalidPathAtPosition()
    {
        // Arrange
        var user = ScimJson.ParseObject(UserJson);

        // Act
        var error = Apply(user, Body("""{"op":"replace","value":{"name..givenName":"x"}}"""));

        // Assert
        var failure = error.ShouldNotBeNull();
        failure.ScimType.ShouldBe("invalidPath");
        failure.Position.ShouldBe(5);
        failure.Message.ShouldBe("The value's key \"name..givenName\" is not an attribute path: Invalid path at position 5: "
            + "'.givenName' is not an attribute name; expected a letter followed by letters, digits, '-' or '_'.");
    }

    // ---- RFC 7643 §2.1: attribute names are case-insensitive ----

    [Fact]
    public void Apply_PathInOtherCasing_ReplacesTheExistingAttribute()
    {
        // Act
        var user = Patched(UserJson, Body("""{"op":"Replace","path":"USERNAME","value":"someone"}""",
            """{"op":"Replace","path":"Name.FamilyName","value":"Young"}""",
            """{"op":"Replace","path":"Emails[Type eq \"work\"].Value","value":"someone@contoso.com"}"""));

        // Assert: still one userName, one name, one work email
        user.Count(pair => pair.Key.Equals("userName", StringComparison.OrdinalIgnoreCase)).ShouldBe(1);
        user["userName"]!.GetValue<string>().ShouldBe("someone");
        ShouldBeJson(user["name"], """{"formatted": "givenName familyName", "familyName": "Young", "givenName": "givenName"}""");
        ShouldBeJson(user["emails"], """
            [{"value": "someone@contoso.com", "type": "work", "primary": true}, {"value": "jyoung@example.org", "type": "home"}]
            """);
    }

    private static string Body(params string[] operations) =>
        $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{{string.Join(",", operations)}}]}""";

    /// <summary>Reads <paramref name="body"/> (which must be valid) and applies it to <paramref name="resource"/>.</summary>
    private static ScimParseError? Apply(JsonObject resource, string body)
    {
        var request = PatchRequest.Read(body);
        request.Error.ShouldBeNull(request.Error?.ToString());
        return PatchApplier.Apply(resource, request.Operations.ShouldNotBeNull());
    }

    /// <summary>The resource after the PATCH, which must succeed.</summary>
    private static JsonObject Patched(string resourceJson, string body)
    {
        var resource = ScimJson.ParseObject(resourceJson);
        var error = Apply(resource, body);
        error.ShouldBeNull(error?.ToString());
        return resource;
    }

    /// <summary>Reference B.4: verification reads manager.value from the enterprise extension or the top level.</summary>
    private static JsonNode? Manager(JsonObject user) => (user[Enterprise] as JsonObject)?["manager"] ?? user["manager"];

    private static List<string> Members(JsonObject group) =>
        [.. group["members"].ShouldBeOfType<JsonArray>().Select(member => member!["value"]!.GetValue<string>())];

    private static void ShouldBeJson(JsonNode? actual, string expected)
    {
        var wanted = JsonNode.Parse(expected);
        JsonNode.DeepEquals(actual, wanted).ShouldBeTrue(
            $"expected{Environment.NewLine}{wanted?.ToJsonString(Indented)}{Environment.NewLine}but was{Environment.NewLine}{actual?.ToJsonString(Indented) ?? "null"}");
    }
}
