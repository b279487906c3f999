using System.Text.Encodings.Web;
using System.Text.Json;
using Provisio.Scim.Filters;
using Provisio.Scim.Patch;

namespace Provisio.Scim.Tests.Patch;

/// <summary>
/// Reading PatchOp messages (RFC 7644 §3.5.2): every PATCH body Entra sends, verbatim from the reference
/// (entra-expressions-and-scim B.3.4-B.3.6, B.3.8, B.4, B.5, B.7 in both dialects), read into operations; the
/// envelope's leniencies of B.6.1-B.6.2; and every way a message is refused, with its scimType (RFC 7644 §3.12).
/// </summary>
public sealed class PatchRequestTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // ---- reference B.3.4-B.3.6: user updates ----

    [Fact]
    public void Read_B34MultiValuedUpdate_ReadsTwoReplaces()
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
        var operations = Operations(body);

        // Assert
        operations.ShouldBe([
            "Replace emails[type eq \"work\"].value \"updatedEmail@microsoft.com\"",
            "Replace name.familyName \"updatedFamilyName\"",
        ]);
    }

    [Fact]
    public void Read_B34FilteredPath_IsAttributeFilterAndSubAttribute()
    {
        // Arrange: reference B.3.4's first path, the value-filter + sub-attribute form of B.6.4
        const string body = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"emails[type eq \"work\"].value","value":"updatedEmail@microsoft.com"}]}
            """;

        // Act
        var operation = Read(body).ShouldHaveSingleItem();

        // Assert
        var path = operation.Path.ShouldNotBeNull();
        path.Schema.ShouldBeNull();
        path.Name.ShouldBe("emails");
        path.SubAttribute.ShouldBe("value");
        var filter = path.ValueFilter.ShouldBeOfType<AttributeFilter>();
        filter.Path.Name.ShouldBe("type");
        filter.Operator.ShouldBe(ComparisonOperator.Equal);
        filter.Value!.GetValue<string>().ShouldBe("work");
    }

    [Fact]
    public void Read_B35SingleValuedUpdate_ReadsReplaceOfUserName()
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

        // Act
        var operations = Operations(body);

        // Assert
        operations.ShouldBe(["Replace userName \"5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com\""]);
    }

    [Fact]
    public void Read_B36DisableWithOperationsBeforeSchemas_ReadsReplaceOfActiveWithBooleanFalse()
    {
        // Arrange: reference B.3.6, verbatim: "Operations" precedes "schemas" (B.6.1)
        const string body = """
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

        // Act
        var operation = Read(body).ShouldHaveSingleItem();

        // Assert
        Describe(operation).ShouldBe("Replace active false");
        operation.Value!.GetValueKind().ShouldBe(JsonValueKind.False);
    }

    // ---- reference B.3.8 and B.4: manager shapes M1-M6 ----

    [Fact]
    public void Read_B38ManagerM1_ReadsAddOfBareManagerWithArrayValue()
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
        var operations = Operations(body);

        // Assert
        operations.ShouldBe([
            "Add manager [{\"$ref\":\"http://.../scim/Users/00aa00aa-bb11-cc22-dd33-44ee44ee44ee\",\"value\":\"00aa00aa-bb11-cc22-dd33-44ee44ee44ee\"}]",
        ]);
    }

    [Theory]
    [InlineData("Add", "\"271\"", "Add " + Enterprise + ":manager \"271\"")] // M2
    [InlineData("Add", "\"managerId\"", "Add " + Enterprise + ":manager \"managerId\"")] // M3
    [InlineData("replace", "\"secondManagerId\"", "Replace " + Enterprise + ":manager \"secondManagerId\"")] // M4
    [InlineData("replace", "\"\"", "Replace " + Enterprise + ":manager \"\"")] // M5
    public void Read_ManagerOnEnterprisePath_ReadsExtensionPathAndPlainValue(string op, string value, string expected)
    {
        // Arrange: reference B.4 M2-M5
        var body = Body($$"""{"op": "{{op}}", "path": "{{Enterprise}}:manager", "value": {{value}}}""");

        // Act
        var operation = Read(body).ShouldHaveSingleItem();

        // Assert
        Describe(operation).ShouldBe(expected);
        var path = operation.Path.ShouldNotBeNull();
        path.Schema.ShouldBe(Enterprise);
        path.Name.ShouldBe("manager");
        path.IsCore.ShouldBeFalse();
    }

    [Fact]
    public void Read_ManagerM6PathlessReplace_ReadsUrnQualifiedKey()
    {
        // Arrange: reference B.4 M6
        var body = Body($$$"""{"op": "replace", "value": {"{{{Enterprise}}}:manager": "26118915-6090-4610-87e4-49d8ca9f808d"}}""");

        // Act
        var operations = Operations(body);

        // Assert
        operations.ShouldBe([$"Replace - {{\"{Enterprise}:manager\":\"26118915-6090-4610-87e4-49d8ca9f808d\"}}"]);
    }

    // ---- reference B.5: groups ----

    [Fact]
    public void Read_B5GroupDisplayName_ReadsReplace()
    {
        // Arrange: reference B.5 "Update non-member attributes", verbatim
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
        var operations = Operations(body);

        // Assert
        operations.ShouldBe(["Replace displayName \"1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName\""]);
    }

    [Theory]
    [InlineData("Add", PatchOperationType.Add)]
    [InlineData("Remove", PatchOperationType.Remove)]
    public void Read_B5Members_ReadsArrayOfMembersWithNullRef(string op, PatchOperationType expected)
    {
        // Arrange: reference B.5 "Add members" and "Remove members (default job)", verbatim but for the op
        var body = $$"""
            {
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [{
                    "op": "{{op}}",
                    "path": "members",
                    "value": [{
                        "$ref": null,
                        "value": "f648f8d5ea4e4cd38e9c"
                    }]
                }]
            }
            """;

        // Act
        var operation = Read(body).ShouldHaveSingleItem();

        // Assert
        operation.Op.ShouldBe(expected);
        Describe(operation).ShouldBe($"{expected} members [{{\"$ref\":null,\"value\":\"f648f8d5ea4e4cd38e9c\"}}]");
    }

    // ---- reference B.7: aadOptscim062020, both dialects ----

    [Theory]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}""",
        "Replace active \"False\"")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}""",
        "Replace active false")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"nickName","value":"Babs"}]}""",
        "Add nickName \"Babs\"")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"nickName","value":"Babs"}]}""",
        "Add nickName \"Babs\"")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{"value":"u1091"}]}]}""",
        "Remove members [{\"value\":\"u1091\"}]")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"7f4bc1a3-285e-48ae-8202-5accb43efb0e\"]"}]}""",
        "Remove members[value eq \"7f4bc1a3-285e-48ae-8202-5accb43efb0e\"] null")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"16b083c0-f1e8-4544-b6ee-27a28dc98761\"]"}]}""",
        "Remove members[value eq \"16b083c0-f1e8-4544-b6ee-27a28dc98761\"] null")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Tech Infrastructure"}]}""",
        "Add urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department \"Tech Infrastructure\"")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"10263a6910a84ef9a581dd9b8dcc0eae"}]}]}""",
        "Add members [{\"value\":\"10263a6910a84ef9a581dd9b8dcc0eae\"}]")]
    public void Read_B7SingleOperationBody_ReadsOperation(string body, string expected)
    {
        // Act
        var operations = Operations(body);

        // Assert: reference B.7's table (both dialects) and the 2020 preview's requests
        operations.ShouldBe([expected]);
    }

    [Fact]
    public void Read_B7DisableWithoutFlag_ValueIsTheStringFalse()
    {
        // Arrange: reference B.7, "Disable user" without the flag
        const string body = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}""";

        // Act
        var operation = Read(body).ShouldHaveSingleItem();

        // Assert: read as sent; the applier turns it into a boolean (reference B.6.5)
        operation.Value!.GetValueKind().ShouldBe(JsonValueKind.String);
    }

    [Fact]
    public void Read_B7ReplaceMultipleWithoutFlag_ReadsSixReplacesInOrder()
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
        var operations = Operations(body);

        // Assert
        operations.ShouldBe([
            "Replace displayName \"Pvlo\"",
            "Replace emails[type eq \"work\"].value \"TestBcwqnm@test.microsoft.com\"",
            "Replace name.givenName \"Gtfd\"",
            "Replace name.familyName \"Pkqf\"",
            "Replace externalId \"Eqpj\"",
            "Replace urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber \"Eqpj\"",
        ]);
    }

    [Fact]
    public void Read_B7ReplaceMultipleWithFlag_ReadsFilteredReplaceAndPathlessReplace()
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
        var operations = Read(body);

        // Assert
        operations.Select(Describe).ShouldBe([
            "Replace emails[type eq \"work\"].value \"TestMhvaes@test.microsoft.com\"",
            "Replace - {\"displayName\":\"Bjfe\",\"name.givenName\":\"Kkom\",\"name.familyName\":\"Unua\","
                + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber\":\"Aklq\"}",
        ]);
        operations[1].Path.ShouldBeNull();
    }

    [Fact]
    public void Read_B7PreviewUserUpdate_ReadsBooleanPrimaryAndPathlessReplace()
    {
        // Arrange: reference B.7, the 2020 preview's last request (content verbatim)
        const string body = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
              {"op":"replace","path":"emails[type eq \"work\"].value","value":"someone@contoso.com"},
              {"op":"replace","path":"emails[type eq \"work\"].primary","value":true},
              {"op":"replace","value":{"active":false,"userName":"someone"}}]}
            """;

        // Act
        var operations = Operations(body);

        // Assert
        operations.ShouldBe([
            "Replace emails[type eq \"work\"].value \"someone@contoso.com\"",
            "Replace emails[type eq \"work\"].primary true",
            "Replace - {\"active\":false,\"userName\":\"someone\"}",
        ]);
    }

    // ---- reference B.6.1-B.6.2: envelope leniencies ----

    [Theory]
    [InlineData("Add", PatchOperationType.Add)]
    [InlineData("add", PatchOperationType.Add)]
    [InlineData("ADD", PatchOperationType.Add)]
    [InlineData("aDd", PatchOperationType.Add)]
    [InlineData("Replace", PatchOperationType.Replace)]
    [InlineData("replace", PatchOperationType.Replace)]
    [InlineData("REPLACE", PatchOperationType.Replace)]
    [InlineData("Remove", PatchOperationType.Remove)]
    [InlineData("remove", PatchOperationType.Remove)]
    [InlineData("REMOVE", PatchOperationType.Remove)]
    public void Read_OpInAnyCasing_ReadsOperation(string op, PatchOperationType expected)
    {
        // Arrange: reference B.6.2, "Servers: case-insensitive"
        var body = Body($$"""{"op": "{{op}}", "path": "nickName", "value": "Babs"}""");

        // Act
        var operation = Read(body).ShouldHaveSingleItem();

        // Assert
        operation.Op.ShouldBe(expected);
    }

    [Fact]
    public void Read_PropertyNamesInOtherCasing_ReadsOperations()
    {
        // Arrange: RFC 7643 §2.1, attribute names are case-insensitive; "Operations" after "schemas" or not (B.6.1)
        const string body = """
            {
              "operations": [
                {"OP": "Add", "Path": "nickName", "VALUE": "Babs"},
                {"Op": "remove", "PATH": "title"}
              ],
              "Schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"]
            }
            """;

        // Act
        var operations = Operations(body);

        // Assert
        operations.ShouldBe(["Add nickName \"Babs\"", "Remove title null"]);
    }

    // ---- errors (RFC 7644 §3.12 scimTypes) ----

    [Theory]
    [InlineData("""{"Operations":[{"op":"add","path":"nickName","value":"Babs"}]}""")]
    [InlineData("""{"schemas":[],"Operations":[{"op":"add","path":"nickName","value":"Babs"}]}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"Operations":[{"op":"add","path":"nickName","value":"Babs"}]}""")]
    [InlineData("""{"schemas":null,"Operations":[{"op":"add","path":"nickName","value":"Babs"}]}""")]
    public void Read_MissingPatchOpSchema_FailsWithInvalidSyntax(string body)
    {
        // Act
        var error = Error(body);

        // Assert: RFC 7644 §3.5.2, the body MUST carry the PatchOp schema URI
        error.ScimType.ShouldBe("invalidSyntax");
        error.Message.ShouldBe("Invalid PATCH: the body's \"schemas\" must contain \"urn:ietf:params:scim:api:messages:2.0:PatchOp\".");
    }

    [Theory]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":null}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":{"op":"add","path":"nickName","value":"Babs"}}""")]
    public void Read_EmptyOrMissingOperations_FailsWithInvalidSyntax(string body)
    {
        // Act
        var error = Error(body);

        // Assert: RFC 7644 §3.5.2, "Operations" is an array of one or more operations
        error.ScimType.ShouldBe("invalidSyntax");
        error.Message.ShouldBe("Invalid PATCH: \"Operations\" must be a non-empty array.");
    }

    [Theory]
    [InlineData("\"move\"", "move")]
    [InlineData("\"copy\"", "copy")]
    [InlineData("\"test\"", "test")]
    [InlineData("\"update\"", "update")]
    [InlineData("\"\"", "")]
    [InlineData("\"1\"", "1")]
    [InlineData("\"add,remove\"", "add,remove")]
    [InlineData("\"Add, Replace\"", "Add, Replace")]
    public void Read_UnknownOp_FailsWithInvalidSyntax(string op, string shown)
    {
        // Arrange
        var body = Body($$"""{"op": {{op}}, "path": "nickName", "value": "Babs"}""");

        // Act
        var error = Error(body);

        // Assert: RFC 7644 §3.5.2, op is one of "add", "remove" or "replace"
        error.ScimType.ShouldBe("invalidSyntax");
        error.Message.ShouldBe($"Invalid PATCH: Operations[0].op is \"{shown}\"; expected add, replace or remove (any casing).");
    }

    [Fact]
    public void Read_MissingOp_FailsWithInvalidSyntax()
    {
        // Arrange
        var body = Body("""{"path": "nickName", "value": "Babs"}""");

        // Act
        var error = Error(body);

        // Assert
        error.ScimType.ShouldBe("invalidSyntax");
    }

    [Theory]
    [InlineData("""{"op": "Remove"}""")]
    [InlineData("""{"op": "remove", "value": [{"value": "u1091"}]}""")]
    public void Read_RemoveWithoutPath_FailsWithNoTarget(string operation)
    {
        // Act
        var error = Error(Body(operation));

        // Assert: RFC 7644 §3.5.2.2, "If "path" is unspecified, the operation fails with ... "noTarget""
        error.ScimType.ShouldBe("noTarget");
        error.Message.ShouldBe("Invalid PATCH: Operations[0] removes without a path (RFC 7644 §3.5.2.2).");
    }

    [Theory]
    [InlineData("""{"op": "add", "value": "Babs"}""")]
    [InlineData("""{"op": "add", "value": false}""")]
    [InlineData("""{"op": "add", "value": [{"value": "u1091"}]}""")]
    [InlineData("""{"op": "add", "value": null}""")]
    [InlineData("""{"op": "add"}""")]
    [InlineData("""{"op": "replace", "value": "Babs"}""")]
    public void Read_PathlessAddOrReplaceWithoutObject_FailsWithInvalidValue(string operation)
    {
        // Act
        var error = Error(Body(operation));

        // Assert: RFC 7644 §3.5.2.1/§3.5.2.3, without a path the value is a set of attributes (an object)
        error.ScimType.ShouldBe("invalidValue");
        error.Message.ShouldBe("Invalid PATCH: Operations[0] has no path, so its value must be an object whose keys are attribute paths.");
    }

    [Theory]
    [InlineData("emails[type eq \\\"work\\\"", 21,
        "Operations[0].path: Invalid path at position 21: the '[' at position 6 is not closed, expected ']'.")]
    [InlineData("name..givenName", 5,
        "Operations[0].path: Invalid path at position 5: '.givenName' is not an attribute name; expected a letter followed by letters, digits, '-' or '_'.")]
    [InlineData("emails[type eq \\\"work\\\"]value", 22,
        "Operations[0].path: Invalid path at position 22: unexpected 'value', expected the end of the path.")]
    [InlineData("members[value eq \\\"7f4b", 17,
        "Operations[0].path: Invalid path at position 17: the string opened here is not closed, expected '\"'.")]
    [InlineData("1userName", 0,
        "Operations[0].path: Invalid path at position 0: '1userName' is not an attribute name; expected a letter followed by letters, digits, '-' or '_'.")]
    [InlineData(Enterprise + ":", 0,
        "Operations[0].path: Invalid path at position 0: the path '" + Enterprise + ":' ends with ':', expected an attribute name after the schema URN.")]
    public void Read_MalformedPath_FailsWithInvalidPathAtPosition(string path, int position, string message)
    {
        // Arrange: path is as it appears inside the JSON string
        var body = Body($$"""{"op": "replace", "path": "{{path}}", "value": "x"}""");

        // Act
        var error = Error(body);

        // Assert: RFC 7644 §3.12 invalidPath; STYLE §3, parser errors carry positions
        error.ScimType.ShouldBe("invalidPath");
        error.Position.ShouldBe(position);
        error.Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    public void Read_EmptyPath_FailsWithInvalidPath(string path)
    {
        // Arrange
        var body = Body($$"""{"op": "replace", "path": {{path}}, "value": "x"}""");

        // Act
        var error = Error(body);

        // Assert
        error.ScimType.ShouldBe("invalidPath");
        error.Message.ShouldBe("Invalid PATCH: Operations[0].path must be a non-empty string.");
    }

    [Fact]
    public void Read_MalformedPathInSecondOperation_NamesTheOperation()
    {
        // Arrange
        var body = Body("""{"op": "replace", "path": "userName", "value": "x"}""",
            """{"op": "replace", "path": "name..givenName", "value": "x"}""");

        // Act
        var error = Error(body);

        // Assert
        error.ScimType.ShouldBe("invalidPath");
        error.Message.ShouldStartWith("Operations[1].path: Invalid path at position 5:");
    }

    [Theory]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add",}]}""")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"PatchOp\"")]
    public void Read_MalformedJson_FailsWithInvalidSyntax(string body)
    {
        // Act
        var error = Error(body);

        // Assert: RFC 7644 §3.12 invalidSyntax
        error.ScimType.ShouldBe("invalidSyntax");
        error.Message.ShouldStartWith("Invalid PATCH: the body is not valid JSON: ");
    }

    [Fact]
    public void Read_OperationNotAnObject_FailsWithInvalidSyntax()
    {
        // Act
        var error = Error(Body("\"add\""));

        // Assert
        error.ScimType.ShouldBe("invalidSyntax");
        error.Message.ShouldBe("Invalid PATCH: Operations[0] is not an object.");
    }

    private static string Body(params string[] operations) =>
        $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{{string.Join(",", operations)}}]}""";

    private static IReadOnlyList<PatchOperation> Read(string body)
    {
        var result = PatchRequest.Read(body);
        result.Error.ShouldBeNull(result.Error?.ToString());
        return result.Operations.ShouldNotBeNull();
    }

    private static List<string> Operations(string body) => [.. Read(body).Select(Describe)];

    private static ScimParseError Error(string body)
    {
        var result = PatchRequest.Read(body);
        result.Operations.ShouldBeNull();
        return result.Error.ShouldNotBeNull();
    }

    /// <summary><c>op path value</c>: the path printed by <see cref="AttributePath.ToString"/> (<c>-</c> when absent), the value as JSON.</summary>
    private static string Describe(PatchOperation operation) =>
        $"{operation.Op} {operation.Path?.ToString() ?? "-"} {operation.Value?.ToJsonString(Readable) ?? "null"}";
}
