using System.Text.Json;
using Provisio.Scim.Filters;

namespace Provisio.Scim.Tests.Filters;

/// <summary>
/// The filter grammar of RFC 7644 §3.4.2.2, the PATCH path grammar of §3.5.2, and the forms Entra sends
/// (reference: entra-expressions-and-scim B.2 and B.6.4). Errors pin scimType, position and the whole message (STYLE §3).
/// </summary>
public sealed class ScimFilterParserTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    // ---- RFC 7644 §3.4.2.2: every example of the filter examples list ----

    [Theory]
    [InlineData("userName eq \"bjensen\"", "userName eq \"bjensen\"")]
    [InlineData("name.familyName co \"O'Malley\"", "name.familyName co \"O'Malley\"")]
    [InlineData("userName sw \"J\"", "userName sw \"J\"")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"", "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"")]
    [InlineData("title pr", "title pr")]
    [InlineData("meta.lastModified gt \"2011-05-13T04:42:34Z\"", "meta.lastModified gt \"2011-05-13T04:42:34Z\"")]
    [InlineData("meta.lastModified ge \"2011-05-13T04:42:34Z\"", "meta.lastModified ge \"2011-05-13T04:42:34Z\"")]
    [InlineData("meta.lastModified lt \"2011-05-13T04:42:34Z\"", "meta.lastModified lt \"2011-05-13T04:42:34Z\"")]
    [InlineData("meta.lastModified le \"2011-05-13T04:42:34Z\"", "meta.lastModified le \"2011-05-13T04:42:34Z\"")]
    [InlineData("title pr and userType eq \"Employee\"", "title pr and userType eq \"Employee\"")]
    [InlineData("title pr or userType eq \"Intern\"", "title pr or userType eq \"Intern\"")]
    [InlineData("schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"",
        "schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"")]
    [InlineData("userType eq \"Employee\" and (emails co \"example.com\" or\n  emails.value co \"example.org\")",
        "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")")]
    [InlineData("userType ne \"Employee\" and not (emails co \"example.com\" or\n  emails.value co \"example.org\")",
        "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")")]
    [InlineData("userType eq \"Employee\" and (emails.type eq \"work\")", "userType eq \"Employee\" and emails.type eq \"work\"")]
    [InlineData("userType eq \"Employee\" and emails[type eq \"work\" and\n  value co \"@example.com\"]",
        "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]")]
    [InlineData("emails[type eq \"work\" and value co \"@example.com\"] or\n  ims[type eq \"xmpp\" and value co \"@foo.com\"]",
        "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]")]
    public void Parse_Rfc7644FilterExample_PrintsCanonicalForm(string filter, string canonical)
    {
        // Act
        var parsed = Parsed(filter);

        // Assert
        parsed.ToString().ShouldBe(canonical);
    }

    [Fact]
    public void Parse_Rfc7644UserNameExample_IsEqualityOnUserNameWithStringValue()
    {
        // Act: filter=userName eq "bjensen"
        var parsed = Parsed("userName eq \"bjensen\"");

        // Assert
        var attribute = parsed.ShouldBeOfType<AttributeFilter>();
        attribute.Path.ShouldBe(new AttributePath(null, "userName"));
        attribute.Operator.ShouldBe(ComparisonOperator.Equal);
        attribute.Value!.GetValue<string>().ShouldBe("bjensen");
    }

    [Fact]
    public void Parse_Rfc7644FamilyNameExample_KeepsApostropheInValue()
    {
        // Act: filter=name.familyName co "O'Malley"
        var parsed = Parsed("name.familyName co \"O'Malley\"");

        // Assert
        var attribute = parsed.ShouldBeOfType<AttributeFilter>();
        attribute.Path.ShouldBe(new AttributePath(null, "name", null, "familyName"));
        attribute.Operator.ShouldBe(ComparisonOperator.Contains);
        attribute.Value!.GetValue<string>().ShouldBe("O'Malley");
    }

    [Fact]
    public void Parse_Rfc7644CoreUrnExample_SplitsSchemaFromAttribute()
    {
        // Act: filter=urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"
        var parsed = Parsed("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"");

        // Assert
        var attribute = parsed.ShouldBeOfType<AttributeFilter>();
        attribute.Path.Schema.ShouldBe("urn:ietf:params:scim:schemas:core:2.0:User");
        attribute.Path.Name.ShouldBe("userName");
        attribute.Path.SubAttribute.ShouldBeNull();
        attribute.Path.IsCore.ShouldBeTrue();
        attribute.Operator.ShouldBe(ComparisonOperator.StartsWith);
    }

    [Fact]
    public void Parse_Rfc7644PresentExample_HasNoValue()
    {
        // Act: filter=title pr
        var parsed = Parsed("title pr");

        // Assert
        var attribute = parsed.ShouldBeOfType<AttributeFilter>();
        attribute.Path.ShouldBe(new AttributePath(null, "title"));
        attribute.Operator.ShouldBe(ComparisonOperator.Present);
        attribute.Value.ShouldBeNull();
    }

    [Theory]
    [InlineData("gt", ComparisonOperator.GreaterThan)]
    [InlineData("ge", ComparisonOperator.GreaterOrEqual)]
    [InlineData("lt", ComparisonOperator.LessThan)]
    [InlineData("le", ComparisonOperator.LessOrEqual)]
    public void Parse_Rfc7644LastModifiedExample_KeepsDateAsString(string keyword, ComparisonOperator expected)
    {
        // Act: filter=meta.lastModified gt "2011-05-13T04:42:34Z" (and ge, lt, le)
        var parsed = Parsed($"meta.lastModified {keyword} \"2011-05-13T04:42:34Z\"");

        // Assert
        var attribute = parsed.ShouldBeOfType<AttributeFilter>();
        attribute.Path.ShouldBe(new AttributePath(null, "meta", null, "lastModified"));
        attribute.Operator.ShouldBe(expected);
        attribute.Value!.GetValueKind().ShouldBe(JsonValueKind.String);
        attribute.Value.GetValue<string>().ShouldBe("2011-05-13T04:42:34Z");
    }

    [Fact]
    public void Parse_Rfc7644NotExample_AndOfNotOfOr()
    {
        // Act: filter=userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")
        var parsed = Parsed("userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")");

        // Assert
        var and = parsed.ShouldBeOfType<LogicalFilter>();
        and.IsAnd.ShouldBeTrue();
        and.Left.ShouldBeOfType<AttributeFilter>().Operator.ShouldBe(ComparisonOperator.NotEqual);
        var or = and.Right.ShouldBeOfType<NotFilter>().Inner.ShouldBeOfType<LogicalFilter>();
        or.IsAnd.ShouldBeFalse();
        or.Left.ShouldBeOfType<AttributeFilter>().Path.ShouldBe(new AttributePath(null, "emails"));
        or.Right.ShouldBeOfType<AttributeFilter>().Path.ShouldBe(new AttributePath(null, "emails", null, "value"));
    }

    [Fact]
    public void Parse_Rfc7644ValuePathAfterAnd_RightIsValuePathFilter()
    {
        // Act: filter=userType eq "Employee" and emails[type eq "work" and value co "@example.com"]
        var parsed = Parsed("userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]");

        // Assert
        var and = parsed.ShouldBeOfType<LogicalFilter>();
        and.IsAnd.ShouldBeTrue();
        var valuePath = and.Right.ShouldBeOfType<ValuePathFilter>();
        valuePath.Path.Name.ShouldBe("emails");
        valuePath.Path.SubAttribute.ShouldBeNull();
        var inner = valuePath.Path.ValueFilter.ShouldBeOfType<LogicalFilter>();
        inner.IsAnd.ShouldBeTrue();
        inner.Left.ShouldBeOfType<AttributeFilter>().Path.ShouldBe(new AttributePath(null, "type"));
        inner.Right.ShouldBeOfType<AttributeFilter>().Operator.ShouldBe(ComparisonOperator.Contains);
    }

    [Fact]
    public void Parse_Rfc7644TwoValuePathsWithOr_OrOfTwoValuePathFilters()
    {
        // Act: filter=emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]
        var parsed = Parsed("emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]");

        // Assert
        var or = parsed.ShouldBeOfType<LogicalFilter>();
        or.IsAnd.ShouldBeFalse();
        or.Left.ShouldBeOfType<ValuePathFilter>().Path.Name.ShouldBe("emails");
        or.Right.ShouldBeOfType<ValuePathFilter>().Path.Name.ShouldBe("ims");
        or.Right.ShouldBeOfType<ValuePathFilter>().Path.ValueFilter!.ToString().ShouldBe("type eq \"xmpp\" and value co \"@foo.com\"");
    }

    // ---- Case-insensitivity (RFC 7644 §3.4.2.2, RFC 7643 §2.1; reference B.2: "case-insensitive ... eq keyword") ----

    [Theory]
    [InlineData("userName EQ \"x\"", "userName eq \"x\"")]
    [InlineData("userName Eq \"john\"", "userName eq \"john\"")] // RFC 7644 §3.4.2.2's own example
    [InlineData("Username eq \"john\"", "Username eq \"john\"")] // same RFC sentence: the attribute name in other casing
    [InlineData("userName NE \"x\"", "userName ne \"x\"")]
    [InlineData("userName CO \"x\"", "userName co \"x\"")]
    [InlineData("userName Sw \"x\"", "userName sw \"x\"")]
    [InlineData("userName eW \"x\"", "userName ew \"x\"")]
    [InlineData("title PR", "title pr")]
    [InlineData("meta.lastModified GT \"2011-05-13T04:42:34Z\"", "meta.lastModified gt \"2011-05-13T04:42:34Z\"")]
    [InlineData("meta.lastModified GE \"2011-05-13T04:42:34Z\"", "meta.lastModified ge \"2011-05-13T04:42:34Z\"")]
    [InlineData("meta.lastModified LT \"2011-05-13T04:42:34Z\"", "meta.lastModified lt \"2011-05-13T04:42:34Z\"")]
    [InlineData("meta.lastModified Le \"2011-05-13T04:42:34Z\"", "meta.lastModified le \"2011-05-13T04:42:34Z\"")]
    [InlineData("title pr AND userType eq \"Employee\"", "title pr and userType eq \"Employee\"")]
    [InlineData("title pr Or userType eq \"Intern\"", "title pr or userType eq \"Intern\"")]
    [InlineData("Not (title pr)", "not (title pr)")]
    [InlineData("NOT(title pr)", "not (title pr)")]
    [InlineData("active eq TRUE", "active eq true")]
    [InlineData("active eq False", "active eq false")]
    [InlineData("nickName eq NULL", "nickName eq null")]
    public void Parse_KeywordsInAnyCase_PrintLowerCase(string filter, string canonical)
    {
        // Act
        var parsed = Parsed(filter);

        // Assert
        parsed.ToString().ShouldBe(canonical);
    }

    [Fact]
    public void Parse_UpperCaseOperator_IsSameOperatorAsLowerCase()
    {
        // Act
        var upper = Parsed("userName EQ \"x\"").ShouldBeOfType<AttributeFilter>();

        // Assert
        upper.Operator.ShouldBe(ComparisonOperator.Equal);
        upper.Path.Name.ShouldBe("userName");
    }

    [Fact]
    public void Parse_UpperCaseAnd_IsLogicalAnd()
    {
        // Act
        var parsed = Parsed("title pr AND userType eq \"Employee\"");

        // Assert
        parsed.ShouldBeOfType<LogicalFilter>().IsAnd.ShouldBeTrue();
    }

    [Fact]
    public void Parse_CapitalisedNot_IsNotFilter()
    {
        // Act
        var parsed = Parsed("Not (userType eq \"Intern\")");

        // Assert
        parsed.ShouldBeOfType<NotFilter>().Inner.ShouldBeOfType<AttributeFilter>().Path.Name.ShouldBe("userType");
    }

    // ---- Precedence and grouping (RFC 7644 §3.4.2.2: grouping, attribute operators, then not > and > or) ----

    [Fact]
    public void Parse_OrThenAnd_GroupsAndFirst()
    {
        // Act
        var parsed = Parsed("a eq 1 or b eq 2 and c eq 3");

        // Assert
        var or = parsed.ShouldBeOfType<LogicalFilter>();
        or.IsAnd.ShouldBeFalse();
        or.Left.ToString().ShouldBe("a eq 1");
        var and = or.Right.ShouldBeOfType<LogicalFilter>();
        and.IsAnd.ShouldBeTrue();
        and.Left.ToString().ShouldBe("b eq 2");
        and.Right.ToString().ShouldBe("c eq 3");
        parsed.ToString().ShouldBe("a eq 1 or b eq 2 and c eq 3");
    }

    [Fact]
    public void Parse_AndThenOr_GroupsAndFirst()
    {
        // Act
        var parsed = Parsed("a eq 1 and b eq 2 or c eq 3");

        // Assert
        var or = parsed.ShouldBeOfType<LogicalFilter>();
        or.IsAnd.ShouldBeFalse();
        or.Left.ShouldBeOfType<LogicalFilter>().IsAnd.ShouldBeTrue();
        or.Left.ToString().ShouldBe("a eq 1 and b eq 2");
        or.Right.ToString().ShouldBe("c eq 3");
    }

    [Fact]
    public void Parse_ParenthesesAroundOr_OverridePrecedenceAndArePrinted()
    {
        // Act
        var parsed = Parsed("(a eq 1 or b eq 2) and c eq 3");

        // Assert
        var and = parsed.ShouldBeOfType<LogicalFilter>();
        and.IsAnd.ShouldBeTrue();
        and.Left.ShouldBeOfType<LogicalFilter>().IsAnd.ShouldBeFalse();
        and.Right.ToString().ShouldBe("c eq 3");
        parsed.ToString().ShouldBe("(a eq 1 or b eq 2) and c eq 3");
    }

    [Fact]
    public void Parse_SameOperatorRepeated_AssociatesLeft()
    {
        // Act
        var parsed = Parsed("a pr or b pr or c pr");

        // Assert
        var outer = parsed.ShouldBeOfType<LogicalFilter>();
        outer.Left.ShouldBeOfType<LogicalFilter>().ToString().ShouldBe("a pr or b pr");
        outer.Right.ToString().ShouldBe("c pr");
    }

    [Fact]
    public void Parse_RedundantParentheses_AreDropped()
    {
        // Act
        var parsed = Parsed("((userName eq \"bjensen\"))");

        // Assert
        parsed.ShouldBeOfType<AttributeFilter>();
        parsed.ToString().ShouldBe("userName eq \"bjensen\"");
    }

    [Fact]
    public void Parse_NotBeforeAnd_BindsTighterThanAnd()
    {
        // Act
        var parsed = Parsed("not (a pr) and b pr");

        // Assert
        var and = parsed.ShouldBeOfType<LogicalFilter>();
        and.IsAnd.ShouldBeTrue();
        and.Left.ShouldBeOfType<NotFilter>().Inner.ToString().ShouldBe("a pr");
        and.Right.ToString().ShouldBe("b pr");
    }

    [Fact]
    public void Parse_NotAroundOr_WrapsTheWholeGroup()
    {
        // Act
        var parsed = Parsed("not (a pr or b pr)");

        // Assert
        parsed.ShouldBeOfType<NotFilter>().Inner.ShouldBeOfType<LogicalFilter>().IsAnd.ShouldBeFalse();
        parsed.ToString().ShouldBe("not (a pr or b pr)");
    }

    [Fact]
    public void Parse_NotWithoutSpaceBeforeParenthesis_IsNotFilter()
    {
        // Act: RFC 7644 erratum 7319 ("not" SP "(" ) and the ABNF's *1"not" "(" both read
        var parsed = Parsed("not(title pr)");

        // Assert
        parsed.ShouldBeOfType<NotFilter>();
    }

    // ---- Value paths: RFC 7644 §3.4.2.2 valuePath, and Entra's valuePath with a sub-attribute (reference B.2 R3) ----

    [Fact]
    public void Parse_ValuePathWithAnd_IsValuePathFilterOverEmails()
    {
        // Act
        var parsed = Parsed("emails[type eq \"work\" and value co \"@example.com\"]");

        // Assert
        var valuePath = parsed.ShouldBeOfType<ValuePathFilter>();
        valuePath.Path.Schema.ShouldBeNull();
        valuePath.Path.Name.ShouldBe("emails");
        valuePath.Path.SubAttribute.ShouldBeNull();
        valuePath.Path.ValueFilter!.ToString().ShouldBe("type eq \"work\" and value co \"@example.com\"");
        parsed.ToString().ShouldBe("emails[type eq \"work\" and value co \"@example.com\"]");
    }

    [Fact]
    public void Parse_EntraValuePathWithSubAttribute_IsEqualityOnFilteredSubAttribute()
    {
        // Act: reference B.2 R3, emails[type eq "work"].value eq "user@contoso.com"
        var parsed = Parsed("emails[type eq \"work\"].value eq \"a@b\"");

        // Assert
        var attribute = parsed.ShouldBeOfType<AttributeFilter>();
        attribute.Path.Name.ShouldBe("emails");
        attribute.Path.SubAttribute.ShouldBe("value");
        attribute.Path.ValueFilter.ShouldBeOfType<AttributeFilter>().ToString().ShouldBe("type eq \"work\"");
        attribute.Operator.ShouldBe(ComparisonOperator.Equal);
        attribute.Value!.GetValue<string>().ShouldBe("a@b");
        parsed.ToString().ShouldBe("emails[type eq \"work\"].value eq \"a@b\"");
    }

    [Fact]
    public void Parse_ValuePathInsideGroupWithOr_KeepsShape()
    {
        // Act
        var parsed = Parsed("userName eq \"x\" or (emails[type eq \"work\"].value eq \"a@b\" and active eq true)");

        // Assert
        var or = parsed.ShouldBeOfType<LogicalFilter>();
        or.IsAnd.ShouldBeFalse();
        var and = or.Right.ShouldBeOfType<LogicalFilter>();
        and.Left.ShouldBeOfType<AttributeFilter>().Path.SubAttribute.ShouldBe("value");
        parsed.ToString().ShouldBe("userName eq \"x\" or emails[type eq \"work\"].value eq \"a@b\" and active eq true");
    }

    [Fact]
    public void Parse_ValueFilterWithNot_IsAllowedInsideBrackets()
    {
        // Act: valFilter = attrExp / valLogExp / *1"not" "(" valFilter ")"
        var parsed = Parsed("emails[not (type eq \"home\")]");

        // Assert
        parsed.ShouldBeOfType<ValuePathFilter>().Path.ValueFilter.ShouldBeOfType<NotFilter>();
        parsed.ToString().ShouldBe("emails[not (type eq \"home\")]");
    }

    // ---- URN-qualified paths (RFC 7644 §3.10) ----

    [Fact]
    public void Parse_EnterpriseEmployeeNumber_SchemaAndNameSplitAtLastColon()
    {
        // Act
        var parsed = Parsed("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"");

        // Assert
        var attribute = parsed.ShouldBeOfType<AttributeFilter>();
        attribute.Path.Schema.ShouldBe(Enterprise);
        attribute.Path.Name.ShouldBe("employeeNumber");
        attribute.Path.SubAttribute.ShouldBeNull();
        attribute.Path.IsCore.ShouldBeFalse();
        attribute.Value!.GetValue<string>().ShouldBe("701984");
        parsed.ToString().ShouldBe("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"");
    }

    [Fact]
    public void Parse_EnterpriseManagerValue_SubAttributeAfterDotNotInVersion()
    {
        // Act: the "." of "2.0" belongs to the URN; the one after "manager" separates the sub-attribute
        var parsed = Parsed("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"x\"");

        // Assert
        var attribute = parsed.ShouldBeOfType<AttributeFilter>();
        attribute.Path.ShouldBe(new AttributePath(Enterprise, "manager", null, "value"));
        parsed.ToString().ShouldBe("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"x\"");
    }

    [Fact]
    public void Parse_CoreUrnWithSubAttribute_IsCorePath()
    {
        // Act: RFC 7644 §3.10, urn:ietf:params:scim:schemas:core:2.0:User:name.givenName
        var parsed = Parsed("urn:ietf:params:scim:schemas:core:2.0:User:name.givenName eq \"Barbara\"");

        // Assert
        var path = parsed.ShouldBeOfType<AttributeFilter>().Path;
        path.Schema.ShouldBe("urn:ietf:params:scim:schemas:core:2.0:User");
        path.Name.ShouldBe("name");
        path.SubAttribute.ShouldBe("givenName");
        path.IsCore.ShouldBeTrue();
    }

    // ---- Values: JSON strings, numbers, true/false/null, and Entra's unquoted value ----

    [Fact]
    public void Parse_StringWithJsonEscapes_DecodesEscapes()
    {
        // Act: compValue is a JSON string (RFC 7644 §3.4.2.2, RFC 7159)
        var parsed = Parsed("displayName eq \"Babs \\\"The Guide\\\" J\\u00e9nsen\\\\III\\/\\t\"");

        // Assert
        parsed.ShouldBeOfType<AttributeFilter>().Value!.GetValue<string>().ShouldBe("Babs \"The Guide\" Jénsen\\III/\t");
    }

    [Fact]
    public void Parse_StringWithEscapedQuote_PrintsBackAsJsonString()
    {
        // Act
        var parsed = Parsed("displayName eq \"say \\\"hi\\\"\"");

        // Assert
        parsed.ToString().ShouldBe("displayName eq \"say \\\"hi\\\"\"");
    }

    [Fact]
    public void Parse_StringWithParenthesesAndKeywords_IsOneValue()
    {
        // Act
        var parsed = Parsed("displayName eq \"a) or (b eq \\\"c\\\"] and [\"");

        // Assert
        var attribute = parsed.ShouldBeOfType<AttributeFilter>();
        attribute.Value!.GetValue<string>().ShouldBe("a) or (b eq \"c\"] and [");
    }

    [Fact]
    public void Parse_PlusSignInEmail_PrintsBackUnescaped()
    {
        // Act: Entra matches on userName/emails, which often carry '+'; the canonical text reads as it was written
        var parsed = Parsed("userName eq \"john+test@contoso.com\"");

        // Assert
        parsed.ShouldBeOfType<AttributeFilter>().Value!.GetValue<string>().ShouldBe("john+test@contoso.com");
        parsed.ToString().ShouldBe("userName eq \"john+test@contoso.com\"");
    }

    [Theory]
    [InlineData("quota gt 1.5", "1.5")]
    [InlineData("quota gt 0", "0")]
    [InlineData("quota lt -3", "-3")]
    [InlineData("quota ge 2e2", "2e2")]
    [InlineData("employeeNumber eq 701984", "701984")]
    public void Parse_Number_IsJsonNumber(string filter, string printed)
    {
        // Act
        var value = Parsed(filter).ShouldBeOfType<AttributeFilter>().Value!;

        // Assert
        value.GetValueKind().ShouldBe(JsonValueKind.Number);
        value.ToJsonString().ShouldBe(printed);
    }

    [Fact]
    public void Parse_NumberValue_ComparesNumerically()
    {
        // Act
        var value = Parsed("quota gt 1.5").ShouldBeOfType<AttributeFilter>().Value!;

        // Assert
        value.GetValue<decimal>().ShouldBe(1.5m);
    }

    [Theory]
    [InlineData("active eq true", JsonValueKind.True)]
    [InlineData("active eq false", JsonValueKind.False)]
    public void Parse_Boolean_IsJsonBoolean(string filter, JsonValueKind kind)
    {
        // Act
        var value = Parsed(filter).ShouldBeOfType<AttributeFilter>().Value!;

        // Assert
        value.GetValueKind().ShouldBe(kind);
    }

    [Fact]
    public void Parse_Null_HasNullValueAndPrintsNull()
    {
        // Act
        var parsed = Parsed("nickName eq null");

        // Assert
        var attribute = parsed.ShouldBeOfType<AttributeFilter>();
        attribute.Operator.ShouldBe(ComparisonOperator.Equal);
        attribute.Value.ShouldBeNull();
        parsed.ToString().ShouldBe("nickName eq null");
    }

    [Fact]
    public void Parse_QuotedTrue_IsStringNotBoolean()
    {
        // Act: Entra's default job sends "True"/"False" strings (reference B.6.5); a quoted value stays a string
        var value = Parsed("roles.primary eq \"True\"").ShouldBeOfType<AttributeFilter>().Value!;

        // Assert
        value.GetValueKind().ShouldBe(JsonValueKind.String);
        value.GetValue<string>().ShouldBe("True");
    }

    [Fact]
    public void Parse_EntraUnquotedExternalId_IsStringValue()
    {
        // Act: reference B.2 R20, GET /scim/Users?filter=externalId eq jyoung
        var parsed = Parsed("externalId eq jyoung");

        // Assert
        var attribute = parsed.ShouldBeOfType<AttributeFilter>();
        attribute.Path.Name.ShouldBe("externalId");
        attribute.Operator.ShouldBe(ComparisonOperator.Equal);
        attribute.Value!.GetValueKind().ShouldBe(JsonValueKind.String);
        attribute.Value.GetValue<string>().ShouldBe("jyoung");
        parsed.ToString().ShouldBe("externalId eq \"jyoung\"");
    }

    [Fact]
    public void Parse_EntraLegacyManagerCheck_UnquotedGuidsAreStrings()
    {
        // Act: reference B.2 R19
        var parsed = Parsed("id eq 54D382A4-2050-4C03-94D1-E769F1D15682 and manager eq 2819c223-7f76-453a-919d-413861904646");

        // Assert
        var and = parsed.ShouldBeOfType<LogicalFilter>();
        and.IsAnd.ShouldBeTrue();
        and.Left.ShouldBeOfType<AttributeFilter>().Value!.GetValue<string>().ShouldBe("54D382A4-2050-4C03-94D1-E769F1D15682");
        and.Right.ShouldBeOfType<AttributeFilter>().Value!.GetValue<string>().ShouldBe("2819c223-7f76-453a-919d-413861904646");
        parsed.ToString().ShouldBe("id eq \"54D382A4-2050-4C03-94D1-E769F1D15682\" and manager eq \"2819c223-7f76-453a-919d-413861904646\"");
    }

    [Fact]
    public void Parse_EntraTestConnectionProbe_IsEqualityOnUserName()
    {
        // Act: reference B.2 R1/R3
        var parsed = Parsed("userName eq \"Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee\"");

        // Assert
        parsed.ToString().ShouldBe("userName eq \"Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee\"");
    }

    [Fact]
    public void Parse_SurroundingAndRepeatedWhitespace_IsIgnored()
    {
        // Act
        var parsed = Parsed("  userName   eq\t\"bjensen\"  and\n title   pr ");

        // Assert
        parsed.ToString().ShouldBe("userName eq \"bjensen\" and title pr");
    }

    // ---- Errors: scimType invalidFilter (RFC 7644 §3.12), 0-based position, whole message ----

    [Fact]
    public void Parse_EmptyFilter_ReportsPositionZero()
    {
        // Act
        var error = Failed("");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(0);
        error.Message.ShouldBe("Invalid filter at position 0: the filter is empty, expected an attribute path such as userName.");
    }

    [Fact]
    public void Parse_UnknownOperator_ReportsOperatorPosition()
    {
        // Act
        var error = Failed("userName xx \"bjensen\"");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(9);
        error.Message.ShouldBe("Invalid filter at position 9: 'xx' is not an operator, expected eq, ne, co, sw, ew, pr, gt, ge, lt or le.");
    }

    [Fact]
    public void Parse_MissingValue_ReportsEndPosition()
    {
        // Act
        var error = Failed("userName eq");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(11);
        error.Message.ShouldBe("Invalid filter at position 11: the filter ends before the comparison value, expected a value: a \"string\", a number, true, false or null.");
    }

    [Fact]
    public void Parse_ValueReplacedByParenthesis_ReportsParenthesisPosition()
    {
        // Act
        var error = Failed("(userName eq)");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(12);
        error.Message.ShouldBe("Invalid filter at position 12: unexpected ')', expected a value: a \"string\", a number, true, false or null.");
    }

    [Fact]
    public void Parse_MissingOperator_ReportsEndPosition()
    {
        // Act
        var error = Failed("userName");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(8);
        error.Message.ShouldBe("Invalid filter at position 8: the filter ends after the attribute path, expected an operator: eq, ne, co, sw, ew, pr, gt, ge, lt or le.");
    }

    [Fact]
    public void Parse_UnclosedString_ReportsPositionOfOpeningQuote()
    {
        // Act
        var error = Failed("userName eq \"bjensen");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(12);
        error.Message.ShouldBe("Invalid filter at position 12: the string opened here is not closed, expected '\"'.");
    }

    [Fact]
    public void Parse_StringEndingInEscapedQuote_IsUnclosed()
    {
        // Act
        var error = Failed("userName eq \"bjensen\\\"");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(12);
        error.Message.ShouldBe("Invalid filter at position 12: the string opened here is not closed, expected '\"'.");
    }

    [Fact]
    public void Parse_InvalidEscape_ReportsPositionOfOpeningQuote()
    {
        // Act
        var error = Failed("userName eq \"a\\qb\"");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(12);
        error.Message.ShouldBe("Invalid filter at position 12: the string has an invalid escape, expected a JSON string.");
    }

    [Fact]
    public void Parse_LoneSurrogateInString_ReturnsInvalidFilterInsteadOfThrowing()
    {
        // Act: found by Parse_AnyText_ReturnsFilterOrPositionedError; a .NET string may hold a lone surrogate
        var result = Should.NotThrow(() => FilterExpression.Parse("userName eq \"\ud800\""));

        // Assert
        result.Filter.ShouldBeNull();
        result.Error!.ScimType.ShouldBe("invalidFilter");
        result.Error.Position.ShouldBeInRange(12, 13);
    }

    [Fact]
    public void ParsePath_LoneSurrogateInFilterString_ReturnsInvalidPathInsteadOfThrowing()
    {
        // Act
        var result = Should.NotThrow(() => AttributePath.Parse("emails[type eq \"\ud800\"].value"));

        // Assert
        result.Path.ShouldBeNull();
        result.Error!.ScimType.ShouldBe("invalidPath");
        result.Error.Position.ShouldBeInRange(15, 16);
    }

    [Fact]
    public void Parse_ValuePathWithSubAttributeButNoOperator_ReportsEnd()
    {
        // Act: only a bare valuePath is a filter; with a sub-attribute it is an attrPath that needs an operator
        var error = Failed("emails[type eq \"work\"].value");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(28);
        error.Message.ShouldBe("Invalid filter at position 28: the filter ends after the attribute path, expected an operator: eq, ne, co, sw, ew, pr, gt, ge, lt or le.");
    }

    [Fact]
    public void Parse_UnclosedParenthesis_ReportsEndAndNamesOpening()
    {
        // Act
        var error = Failed("(userName eq \"a\"");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(16);
        error.Message.ShouldBe("Invalid filter at position 16: the '(' at position 0 is not closed, expected ')'.");
    }

    [Fact]
    public void Parse_UnclosedNotParenthesis_ReportsEndAndNamesOpening()
    {
        // Act
        var error = Failed("title pr and not (userType eq \"Intern\"");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(38);
        error.Message.ShouldBe("Invalid filter at position 38: the '(' at position 17 is not closed, expected ')'.");
    }

    [Fact]
    public void Parse_UnclosedBracket_ReportsEndAndNamesOpening()
    {
        // Act
        var error = Failed("emails[type eq \"work\"");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(21);
        error.Message.ShouldBe("Invalid filter at position 21: the '[' at position 6 is not closed, expected ']'.");
    }

    [Fact]
    public void Parse_BracketClosedByParenthesis_ReportsParenthesis()
    {
        // Act
        var error = Failed("emails[type eq \"work\")");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(21);
        error.Message.ShouldBe("Invalid filter at position 21: unexpected ')', expected ']'.");
    }

    [Fact]
    public void Parse_NestedValueFilter_ReportsInnerBracket()
    {
        // Act: valFilter admits no valuePath (RFC 7644 §3.4.2.2 ABNF)
        var error = Failed("emails[type[value eq \"x\"] eq \"work\"]");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(11);
        error.Message.ShouldBe("Invalid filter at position 11: value filters cannot be nested, expected an operator.");
    }

    [Fact]
    public void Parse_NestedValuePathAfterAnd_ReportsInnerBracket()
    {
        // Act
        var error = Failed("emails[type eq \"work\" and addresses[type eq \"home\"]]");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(35);
        error.Message.ShouldBe("Invalid filter at position 35: value filters cannot be nested, expected an operator.");
    }

    [Fact]
    public void Parse_TrailingWord_ReportsIt()
    {
        // Act
        var error = Failed("userName eq \"bjensen\" extra");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(22);
        error.Message.ShouldBe("Invalid filter at position 22: unexpected 'extra', expected 'and', 'or' or the end of the filter.");
    }

    [Fact]
    public void Parse_TrailingParenthesis_ReportsIt()
    {
        // Act
        var error = Failed("userName eq \"bjensen\")");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(21);
        error.Message.ShouldBe("Invalid filter at position 21: unexpected ')', expected 'and', 'or' or the end of the filter.");
    }

    [Fact]
    public void Parse_AndWithoutRightOperand_ReportsEnd()
    {
        // Act
        var error = Failed("title pr and");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(12);
        error.Message.ShouldBe("Invalid filter at position 12: the filter ends too early, expected an attribute path, '(' or 'not ('.");
    }

    [Fact]
    public void Parse_AttributeNameStartingWithDigit_ReportsName()
    {
        // Act: ATTRNAME = ALPHA *(nameChar) (RFC 7643 §2.1)
        var error = Failed("1userName eq \"a\"");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(0);
        error.Message.ShouldBe("Invalid filter at position 0: '1userName' is not an attribute name; expected a letter followed by letters, digits, '-' or '_'.");
    }

    [Fact]
    public void Parse_SubAttributeWithInvalidCharacter_ReportsSubAttributePosition()
    {
        // Act
        var error = Failed("title pr and name.given*Name eq \"a\"");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(18);
        error.Message.ShouldBe("Invalid filter at position 18: 'given*Name' is not an attribute name; expected a letter followed by letters, digits, '-' or '_'.");
    }

    [Fact]
    public void Parse_ExtensionAttributeWithInvalidName_ReportsPositionAfterUrn()
    {
        // Act
        var error = Failed("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employee#Number eq \"1\"");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(59);
        error.Message.ShouldBe("Invalid filter at position 59: 'employee#Number' is not an attribute name; expected a letter followed by letters, digits, '-' or '_'.");
    }

    [Fact]
    public void Parse_UrnWithoutAttribute_ReportsUrn()
    {
        // Act
        var error = Failed("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User: pr");

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBe(0);
        error.Message.ShouldBe("Invalid filter at position 0: the path 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:' ends with ':', expected an attribute name after the schema URN.");
    }

    [Fact]
    public void Parse_DeeplyNestedParentheses_ReportsDepthInsteadOfOverflowing()
    {
        // Act
        var text = new string('(', 200) + "title pr" + new string(')', 200);
        var error = Failed(text);

        // Assert
        error.ScimType.ShouldBe("invalidFilter");
        error.Position.ShouldBeInRange(0, text.Length);
    }

    // ---- PATCH paths (RFC 7644 §3.5.2: PATH = attrPath / valuePath [subAttr]; reference B.6.4) ----

    [Theory]
    [InlineData("userName")]
    [InlineData("active")]
    [InlineData("displayName")]
    [InlineData("externalId")]
    [InlineData("nickName")]
    [InlineData("title")]
    [InlineData("preferredLanguage")]
    [InlineData("members")] // collection
    [InlineData("roles")] // collection
    public void ParsePath_SimpleAttribute_HasOnlyName(string text)
    {
        // Act
        var path = ParsedPath(text);

        // Assert
        path.ShouldBe(new AttributePath(null, text));
        path.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("name.givenName", "givenName")]
    [InlineData("name.familyName", "familyName")]
    [InlineData("name.formatted", "formatted")]
    public void ParsePath_SubAttribute_SplitsAtDot(string text, string subAttribute)
    {
        // Act
        var path = ParsedPath(text);

        // Assert
        path.ShouldBe(new AttributePath(null, "name", null, subAttribute));
        path.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("emails[type eq \"work\"].value", "emails", "type eq \"work\"", "value")]
    [InlineData("emails[type eq \"work\"].primary", "emails", "type eq \"work\"", "primary")]
    [InlineData("phoneNumbers[type eq \"mobile\"].value", "phoneNumbers", "type eq \"mobile\"", "value")]
    [InlineData("addresses[type eq \"work\"].postalCode", "addresses", "type eq \"work\"", "postalCode")]
    [InlineData("roles[primary eq \"True\"].value", "roles", "primary eq \"True\"", "value")]
    [InlineData("members[value eq \"2819c223-7f76-453a-919d-413861904646\"].displayName", "members",
        "value eq \"2819c223-7f76-453a-919d-413861904646\"", "displayName")] // RFC 7644 §3.5.2
    public void ParsePath_ValueFilterAndSubAttribute_HasAllThree(string text, string name, string filter, string subAttribute)
    {
        // Act
        var path = ParsedPath(text);

        // Assert
        path.Schema.ShouldBeNull();
        path.Name.ShouldBe(name);
        path.ValueFilter.ShouldBeOfType<AttributeFilter>().ToString().ShouldBe(filter);
        path.SubAttribute.ShouldBe(subAttribute);
        path.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("members[value eq \"7f4bc1a3-285e-48ae-8202-5accb43efb0e\"]", "members")] // reference B.6.4, flag job
    [InlineData("addresses[type eq \"work\"]", "addresses")] // RFC 7644 §3.5.2
    public void ParsePath_ValueFilterOnly_HasNoSubAttribute(string text, string name)
    {
        // Act
        var path = ParsedPath(text);

        // Assert
        path.Name.ShouldBe(name);
        path.ValueFilter.ShouldNotBeNull();
        path.SubAttribute.ShouldBeNull();
        path.ToString().ShouldBe(text);
    }

    [Fact]
    public void ParsePath_MemberFilter_KeepsMemberIdAsString()
    {
        // Act
        var path = ParsedPath("members[value eq \"7f4bc1a3-285e-48ae-8202-5accb43efb0e\"]");

        // Assert
        var filter = path.ValueFilter.ShouldBeOfType<AttributeFilter>();
        filter.Path.ShouldBe(new AttributePath(null, "value"));
        filter.Value!.GetValue<string>().ShouldBe("7f4bc1a3-285e-48ae-8202-5accb43efb0e");
    }

    [Theory]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", Enterprise, "employeeNumber")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", Enterprise, "department")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", Enterprise, "manager")]
    [InlineData("urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:CustomAttribute",
        "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User", "CustomAttribute")]
    public void ParsePath_ExtensionUrn_SchemaAndName(string text, string schema, string name)
    {
        // Act
        var path = ParsedPath(text);

        // Assert
        path.ShouldBe(new AttributePath(schema, name));
        path.IsCore.ShouldBeFalse();
        path.ToString().ShouldBe(text);
    }

    [Fact]
    public void ParsePath_ExtensionManagerValue_HasSubAttribute()
    {
        // Act
        var path = ParsedPath("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value");

        // Assert
        path.ShouldBe(new AttributePath(Enterprise, "manager", null, "value"));
    }

    [Fact]
    public void ParsePath_CoreUrnQualified_IsSameAttributeAsUnqualified()
    {
        // Act: RFC 7644 §3.10, clients MAY omit the core schema URN
        var qualified = ParsedPath("urn:ietf:params:scim:schemas:core:2.0:User:name.givenName");
        var unqualified = ParsedPath("NAME.GIVENNAME");

        // Assert
        qualified.IsCore.ShouldBeTrue();
        qualified.SameAttribute(unqualified).ShouldBeTrue();
        unqualified.SameAttribute(qualified).ShouldBeTrue();
    }

    [Fact]
    public void ParsePath_ExtensionAndCoreWithSameName_AreDifferentAttributes()
    {
        // Act
        var extension = ParsedPath("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department");
        var core = ParsedPath("department");

        // Assert
        extension.SameAttribute(core).ShouldBeFalse();
    }

    [Fact]
    public void ParsePath_Empty_ReportsInvalidPathAtZero()
    {
        // Act
        var error = FailedPath("");

        // Assert
        error.ScimType.ShouldBe("invalidPath");
        error.Position.ShouldBe(0);
        error.Message.ShouldBe("Invalid path at position 0: the path is empty, expected an attribute path such as name.givenName.");
    }

    [Fact]
    public void ParsePath_UnclosedBracket_ReportsEndAndNamesOpening()
    {
        // Act
        var error = FailedPath("emails[type eq \"work\"");

        // Assert
        error.ScimType.ShouldBe("invalidPath");
        error.Position.ShouldBe(21);
        error.Message.ShouldBe("Invalid path at position 21: the '[' at position 6 is not closed, expected ']'.");
    }

    [Fact]
    public void ParsePath_FilterInsteadOfPath_ReportsOperator()
    {
        // Act
        var error = FailedPath("userName eq \"bjensen\"");

        // Assert
        error.ScimType.ShouldBe("invalidPath");
        error.Position.ShouldBe(9);
        error.Message.ShouldBe("Invalid path at position 9: unexpected 'eq', expected the end of the path.");
    }

    [Fact]
    public void ParsePath_StartsWithBracket_ReportsBracket()
    {
        // Act
        var error = FailedPath("[type eq \"work\"]");

        // Assert
        error.ScimType.ShouldBe("invalidPath");
        error.Position.ShouldBe(0);
        error.Message.ShouldBe("Invalid path at position 0: unexpected '[', expected an attribute path such as name.givenName.");
    }

    [Fact]
    public void ParsePath_InvalidAttributeName_ReportsName()
    {
        // Act
        var error = FailedPath("9lives");

        // Assert
        error.ScimType.ShouldBe("invalidPath");
        error.Position.ShouldBe(0);
        error.Message.ShouldBe("Invalid path at position 0: '9lives' is not an attribute name; expected a letter followed by letters, digits, '-' or '_'.");
    }

    [Fact]
    public void ParsePath_TrailingDot_ReportsEmptySubAttribute()
    {
        // Act
        var error = FailedPath("name.");

        // Assert
        error.ScimType.ShouldBe("invalidPath");
        error.Position.ShouldBe(5);
    }

    [Fact]
    public void ParsePath_TwoLevelsOfSubAttributes_IsRejected()
    {
        // Act: attrPath = [URI ":"] ATTRNAME *1subAttr, one sub-attribute at most
        var error = FailedPath("name.givenName.first");

        // Assert
        error.ScimType.ShouldBe("invalidPath");
        error.Position.ShouldBeInRange(5, 20);
    }

    [Fact]
    public void ParsePath_SubAttributeAfterFilterWithoutDot_ReportsIt()
    {
        // Act
        var error = FailedPath("emails[type eq \"work\"]value");

        // Assert
        error.ScimType.ShouldBe("invalidPath");
        error.Position.ShouldBe(22);
        error.Message.ShouldBe("Invalid path at position 22: unexpected 'value', expected the end of the path.");
    }

    [Fact]
    public void ParsePath_ValueFilterAfterSubAttribute_IsRejected()
    {
        // Act: PATH = attrPath / valuePath [subAttr], the filter belongs to the attribute
        var error = FailedPath("name.givenName[type eq \"x\"]");

        // Assert
        error.ScimType.ShouldBe("invalidPath");
        error.Position.ShouldBe(14);
    }

    [Fact]
    public void ParsePath_UnclosedStringInFilter_ReportsOpeningQuote()
    {
        // Act
        var error = FailedPath("members[value eq \"7f4b]");

        // Assert
        error.ScimType.ShouldBe("invalidPath");
        error.Position.ShouldBe(17);
        error.Message.ShouldBe("Invalid path at position 17: the string opened here is not closed, expected '\"'.");
    }

    [Fact]
    public void ParsePath_InvalidValueFilter_ReportsInvalidPathNotInvalidFilter()
    {
        // Act
        var error = FailedPath("emails[type xx \"work\"].value");

        // Assert
        error.ScimType.ShouldBe("invalidPath");
        error.Position.ShouldBe(12);
        error.Message.ShouldBe("Invalid path at position 12: 'xx' is not an operator, expected eq, ne, co, sw, ew, pr, gt, ge, lt or le.");
    }

    private static FilterExpression Parsed(string text)
    {
        var result = FilterExpression.Parse(text);
        result.Error.ShouldBeNull($"'{text}' should parse");
        result.Succeeded.ShouldBeTrue();
        return result.Filter!;
    }

    private static ScimParseError Failed(string text)
    {
        var result = FilterExpression.Parse(text);
        result.Filter.ShouldBeNull($"'{text}' should not parse, but gave {result.Filter}");
        result.Succeeded.ShouldBeFalse();
        return result.Error!;
    }

    private static AttributePath ParsedPath(string text)
    {
        var result = AttributePath.Parse(text);
        result.Error.ShouldBeNull($"'{text}' should parse");
        return result.Path!;
    }

    private static ScimParseError FailedPath(string text)
    {
        var result = AttributePath.Parse(text);
        result.Path.ShouldBeNull($"'{text}' should not parse, but gave {result.Path}");
        return result.Error!;
    }
}
