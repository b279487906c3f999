using Provisio.Scim.Filters;

namespace Provisio.Scim.Tests.Filters;

/// <summary>
/// Filters evaluated over realistic resources (RFC 7644 §3.4.2.2 operators; RFC 7643 §2.1 case-insensitive names,
/// §2.5 unassigned equals null, §4.1 and §8.7.1 case-exact id and externalId; reference B.2 for Entra's queries).
/// </summary>
public sealed class FilterEvaluatorTests
{
    private const string BarbaraId = "2819c223-7f76-453a-919d-413861904646";
    private const string ManagerId = "26118915-6090-4610-87e4-49d8ca9f808d";
    private const string MandyId = "902c246b-6245-4190-8e05-00816be7344a";

    /// <summary>RFC 7643 §8.2's full user with the enterprise extension (§8.3), and a custom extension with numbers.</summary>
    private static readonly string BarbaraJson = $$"""
        {
          "schemas": [
            "urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
            "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User"
          ],
          "id": "{{BarbaraId}}",
          "externalId": "jyoung",
          "userName": "Barbara.Jensen@Example.com",
          "name": {
            "formatted": "Ms. Barbara J Jensen, III",
            "familyName": "O'Malley",
            "givenName": "Barbara",
            "middleName": "Jane",
            "honorificPrefix": "Ms.",
            "honorificSuffix": "III"
          },
          "displayName": "Babs Jensen",
          "nickName": "",
          "title": "Tour Guide",
          "userType": "Employee",
          "preferredLanguage": "en-US",
          "active": true,
          "emails": [
            { "value": "bjensen@example.com", "type": "work", "primary": true },
            { "value": "babs@jensen.org", "type": "home" }
          ],
          "phoneNumbers": [
            { "value": "555-555-5555", "type": "work" },
            { "value": "555-555-4444", "type": "mobile" }
          ],
          "addresses": [
            {
              "type": "work",
              "streetAddress": "100 Universal City Plaza",
              "locality": "Hollywood",
              "region": "CA",
              "postalCode": "91608",
              "country": "USA",
              "primary": true
            },
            {
              "type": "home",
              "streetAddress": "456 Hollywood Blvd",
              "locality": "Hollywood",
              "region": "CA",
              "postalCode": "91607",
              "country": "USA"
            }
          ],
          "roles": [],
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "employeeNumber": "701984",
            "costCenter": "4130",
            "organization": "Universal Studios",
            "division": "Theme Park",
            "department": "Tour Operations",
            "manager": { "value": "{{ManagerId}}", "displayName": "John Smith" }
          },
          "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User": {
            "level": 5,
            "quota": 1.5
          },
          "meta": {
            "resourceType": "User",
            "created": "2010-01-23T04:56:22Z",
            "lastModified": "2011-05-13T04:42:34Z",
            "version": "W/\"3694e05e9dff591\"",
            "location": "https://example.com/v2/Users/{{BarbaraId}}"
          }
        }
        """;

    /// <summary>A user as Entra's default job leaves it: active as the string "False" (reference B.6.5).</summary>
    private const string DisabledJson = """
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
          "id": "d0e1f2a3-0000-4000-8000-000000000001",
          "userName": "mandy@example.com",
          "active": "False",
          "title": null
        }
        """;

    /// <summary>Attribute names in other casings than the schema's (RFC 7643 §2.1).</summary>
    private const string ShoutingJson = """
        {
          "SCHEMAS": ["urn:ietf:params:scim:schemas:core:2.0:User"],
          "ID": "A1B2",
          "USERNAME": "bjensen",
          "Name": { "GIVENNAME": "Barbara" },
          "Emails": [ { "Value": "bjensen@example.com", "TYPE": "work" } ],
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "EMPLOYEENUMBER": "701984" }
        }
        """;

    private static readonly string GroupJson = $$"""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
          "id": "e9e30dba-f08f-4109-8486-d5c6a331660a",
          "displayName": "Tour Guides",
          "members": [
            { "value": "{{BarbaraId}}", "$ref": "https://example.com/v2/Users/{{BarbaraId}}", "display": "Babs Jensen" },
            { "value": "{{MandyId}}", "$ref": "https://example.com/v2/Users/{{MandyId}}", "display": "Mandy Pepperidge" }
          ],
          "meta": { "resourceType": "Group", "lastModified": "2011-05-13T04:42:34Z" }
        }
        """;

    // ---- Strings: eq ne co sw ew, case-insensitive by default ----

    [Theory]
    [InlineData("userName eq \"Barbara.Jensen@Example.com\"", true)]
    [InlineData("userName eq \"barbara.jensen@example.com\"", true)]
    [InlineData("userName eq \"BARBARA.JENSEN@EXAMPLE.COM\"", true)]
    [InlineData("userName eq \"barbara\"", false)]
    [InlineData("userName ne \"someone@example.com\"", true)]
    [InlineData("userName ne \"barbara.jensen@example.com\"", false)]
    [InlineData("userName co \"JENSEN@\"", true)]
    [InlineData("userName co \"smith\"", false)]
    [InlineData("userName sw \"barbara.\"", true)]
    [InlineData("userName sw \"Jensen\"", false)]
    [InlineData("userName ew \"@EXAMPLE.COM\"", true)]
    [InlineData("userName ew \"@example.org\"", false)]
    [InlineData("name.familyName co \"O'Malley\"", true)] // RFC 7644 §3.4.2.2 example
    [InlineData("name.familyName co \"malley\"", true)]
    [InlineData("name.givenName eq \"barbara\"", true)]
    [InlineData("displayName sw \"babs\"", true)]
    public void Matches_StringOperators_CaseInsensitiveForUserName(string filter, bool expected)
    {
        // Arrange
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter(filter).Matches(user);

        // Assert
        matches.ShouldBe(expected);
    }

    [Theory]
    [InlineData("id eq \"2819c223-7f76-453a-919d-413861904646\"", true)]
    [InlineData("id eq \"2819C223-7F76-453A-919D-413861904646\"", false)]
    [InlineData("id sw \"2819c223\"", true)]
    [InlineData("id sw \"2819C223\"", false)]
    [InlineData("id ne \"2819C223-7F76-453A-919D-413861904646\"", true)]
    [InlineData("externalId eq \"jyoung\"", true)]
    [InlineData("externalId eq \"JYoung\"", false)]
    [InlineData("externalId co \"YOUNG\"", false)]
    [InlineData("externalId ew \"young\"", true)]
    [InlineData("ID eq \"2819c223-7f76-453a-919d-413861904646\"", true)] // the name is case-insensitive, the value is not
    [InlineData("EXTERNALID eq \"JYOUNG\"", false)]
    public void Matches_IdAndExternalId_CaseExact(string filter, bool expected)
    {
        // Arrange
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter(filter).Matches(user);

        // Assert
        matches.ShouldBe(expected);
    }

    [Fact]
    public void Matches_EntraUnquotedExternalId_MatchesStoredString()
    {
        // Arrange: reference B.2 R20
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter("externalId eq jyoung").Matches(user);

        // Assert
        matches.ShouldBeTrue();
    }

    // ---- Ordering: strings lexicographically, dates chronologically, numbers numerically ----

    [Theory]
    [InlineData("meta.lastModified gt \"2011-05-13T04:42:34Z\"", false)] // RFC 7644 §3.4.2.2 examples
    [InlineData("meta.lastModified ge \"2011-05-13T04:42:34Z\"", true)]
    [InlineData("meta.lastModified lt \"2011-05-13T04:42:34Z\"", false)]
    [InlineData("meta.lastModified le \"2011-05-13T04:42:34Z\"", true)]
    [InlineData("meta.lastModified gt \"2011-05-13T04:42:33Z\"", true)]
    [InlineData("meta.lastModified lt \"2011-05-13T04:42:35Z\"", true)]
    [InlineData("meta.created lt \"2011-01-01T00:00:00Z\"", true)]
    [InlineData("meta.created gt \"2011-01-01T00:00:00Z\"", false)]
    public void Matches_DateComparisons_Chronological(string filter, bool expected)
    {
        // Arrange
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter(filter).Matches(user);

        // Assert
        matches.ShouldBe(expected);
    }

    [Theory]
    [InlineData("meta.lastModified ge \"2011-05-13T06:42:34+02:00\"", true)] // the same instant
    [InlineData("meta.lastModified le \"2011-05-13T06:42:34+02:00\"", true)]
    [InlineData("meta.lastModified gt \"2011-05-13T06:42:34+02:00\"", false)]
    [InlineData("meta.lastModified lt \"2011-05-13T05:00:00+02:00\"", false)] // 03:00Z; lexicographically "04" < "05"
    [InlineData("meta.lastModified gt \"2011-05-13T05:00:00+02:00\"", true)]
    public void Matches_DateWithOffset_ComparesInstantsNotText(string filter, bool expected)
    {
        // Arrange: RFC 7644 §3.4.2.2, "for DateTime types, it is a chronological comparison"
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter(filter).Matches(user);

        // Assert
        matches.ShouldBe(expected);
    }

    [Theory]
    [InlineData("userName gt \"a\"", true)]
    [InlineData("userName gt \"C\"", false)]
    [InlineData("userName lt \"c\"", true)]
    [InlineData("userName ge \"BARBARA.JENSEN@EXAMPLE.COM\"", true)]
    [InlineData("userName le \"barbara.jensen@example.com\"", true)]
    public void Matches_StringOrdering_LexicographicIgnoringCase(string filter, bool expected)
    {
        // Arrange
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter(filter).Matches(user);

        // Assert
        matches.ShouldBe(expected);
    }

    [Theory]
    [InlineData("urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:level eq 5", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:level eq 5.0", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:level ne 5", false)]
    [InlineData("urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:level gt 3", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:level gt 10", false)]
    [InlineData("urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:level ge 5", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:level lt 5", false)]
    [InlineData("urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:level le 5", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:level gt 40", false)] // not "5" > "40" as text
    [InlineData("urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:quota gt 1.25", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:quota lt 1.25", false)]
    [InlineData("urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:quota eq 15e-1", true)]
    public void Matches_Numbers_CompareNumerically(string filter, bool expected)
    {
        // Arrange
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter(filter).Matches(user);

        // Assert
        matches.ShouldBe(expected);
    }

    [Fact]
    public void Matches_NumberBeyondDecimalRange_ReturnsFalseWithoutThrowing()
    {
        // Arrange: 1e400 is a valid JSON number (compValue, RFC 7644 §3.4.2.2); exceptions are for bugs (STYLE §3)
        var user = ScimJson.ParseObject(BarbaraJson);
        var filter = Filter("urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:level eq 1e400");

        // Act
        var matches = Should.NotThrow(() => filter.Matches(user));

        // Assert
        matches.ShouldBeFalse();
    }

    // ---- Booleans, including Entra's "True"/"False" strings ----

    [Theory]
    [InlineData("active eq true", true)]
    [InlineData("active eq false", false)]
    [InlineData("active ne false", true)]
    [InlineData("active ne true", false)]
    [InlineData("emails[type eq \"work\"].primary eq true", true)]
    [InlineData("emails[type eq \"home\"].primary eq true", false)]
    public void Matches_JsonBoolean_ComparesAsBoolean(string filter, bool expected)
    {
        // Arrange
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter(filter).Matches(user);

        // Assert
        matches.ShouldBe(expected);
    }

    [Theory]
    [InlineData("active eq false", true)]
    [InlineData("active eq true", false)]
    [InlineData("active ne true", true)]
    [InlineData("active ne false", false)]
    [InlineData("active eq \"false\"", true)]
    public void Matches_StoredStringFalse_EqualsBooleanFalse(string filter, bool expected)
    {
        // Arrange: Entra's default job PATCHes active as "False" (reference B.6.5); the server stores what it got
        var user = ScimJson.ParseObject(DisabledJson);

        // Act
        var matches = Filter(filter).Matches(user);

        // Assert
        matches.ShouldBe(expected);
    }

    [Fact]
    public void Matches_StringTrueFilterOnJsonBoolean_EqualsIgnoringCase()
    {
        // Arrange
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter("active eq \"True\"").Matches(user);

        // Assert
        matches.ShouldBeTrue();
    }

    // ---- Multi-valued and complex attributes ----

    [Theory]
    [InlineData("emails.value eq \"babs@jensen.org\"", true)] // the second value matches: any-match
    [InlineData("emails.value eq \"BJENSEN@example.com\"", true)]
    [InlineData("emails.type eq \"home\"", true)]
    [InlineData("emails.type eq \"other\"", false)]
    [InlineData("emails.value ew \".org\"", true)]
    [InlineData("phoneNumbers.value eq \"555-555-4444\"", true)]
    [InlineData("addresses.postalCode eq \"91607\"", true)]
    [InlineData("addresses.locality eq \"Burbank\"", false)]
    public void Matches_MultiValuedSubAttribute_AnyValueMatches(string filter, bool expected)
    {
        // Arrange
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter(filter).Matches(user);

        // Assert
        matches.ShouldBe(expected);
    }

    [Theory]
    [InlineData("emails eq \"bjensen@example.com\"", true)]
    [InlineData("emails eq \"babs@jensen.org\"", true)]
    [InlineData("emails co \"example.com\"", true)] // RFC 7644 §3.4.2.2 example
    [InlineData("emails co \"example.org\"", false)]
    [InlineData("emails eq \"work\"", false)] // the type is not the value
    [InlineData("phoneNumbers sw \"555-555-44\"", true)]
    public void Matches_ComplexMultiValuedWithoutSubAttribute_ComparesValue(string filter, bool expected)
    {
        // Arrange
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter(filter).Matches(user);

        // Assert
        matches.ShouldBe(expected);
    }

    // ---- Value paths ----

    [Theory]
    [InlineData("emails[type eq \"work\" and value co \"@example.com\"]", true)] // RFC 7644 §3.4.2.2 example
    [InlineData("emails[type eq \"home\" and value co \"@example.com\"]", false)] // both conditions on the same value
    [InlineData("emails[type eq \"WORK\"]", true)]
    [InlineData("emails[type eq \"other\"]", false)]
    [InlineData("emails[primary eq true]", true)]
    [InlineData("emails[not (type eq \"work\")]", true)]
    [InlineData("emails[type eq \"home\" or type eq \"other\"]", true)]
    [InlineData("addresses[type eq \"work\" and postalCode eq \"91607\"]", false)]
    [InlineData("addresses[type eq \"home\" and postalCode eq \"91607\"]", true)]
    public void Matches_ValuePath_SomeValueMatchesWholeFilter(string filter, bool expected)
    {
        // Arrange
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter(filter).Matches(user);

        // Assert
        matches.ShouldBe(expected);
    }

    [Theory]
    [InlineData("emails[type eq \"work\"].value eq \"bjensen@example.com\"", true)] // reference B.2 R3
    [InlineData("emails[type eq \"work\"].value eq \"BJensen@Example.com\"", true)]
    [InlineData("emails[type eq \"home\"].value eq \"bjensen@example.com\"", false)]
    [InlineData("emails[type eq \"other\"].value eq \"bjensen@example.com\"", false)]
    [InlineData("phoneNumbers[type eq \"mobile\"].value eq \"555-555-4444\"", true)]
    [InlineData("phoneNumbers[type eq \"mobile\"].value eq \"555-555-5555\"", false)]
    [InlineData("addresses[type eq \"work\"].postalCode eq \"91608\"", true)]
    [InlineData("addresses[type eq \"work\"].postalCode eq \"91607\"", false)]
    [InlineData("emails[type eq \"work\"].value pr", true)]
    [InlineData("emails[type eq \"other\"].value pr", false)]
    public void Matches_EntraValuePathWithSubAttribute_ComparesFilteredValues(string filter, bool expected)
    {
        // Arrange
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter(filter).Matches(user);

        // Assert
        matches.ShouldBe(expected);
    }

    // ---- Extension attributes ----

    [Theory]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701985\"", false)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"tour operations\"", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"26118915-6090-4610-87e4-49d8ca9f808d\"", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"00000000-0000-0000-0000-000000000000\"", false)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq \"26118915-6090-4610-87e4-49d8ca9f808d\"", true)] // complex: its value
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName co \"smith\"", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter pr", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber pr", true)]
    public void Matches_EnterpriseExtension_ReadsExtensionObject(string filter, bool expected)
    {
        // Arrange
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter(filter).Matches(user);

        // Assert
        matches.ShouldBe(expected);
    }

    [Fact]
    public void Matches_ExtensionAttributeOnUserWithoutExtension_IsFalse()
    {
        // Arrange
        var user = ScimJson.ParseObject(DisabledJson);

        // Act
        var matches = Filter("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"").Matches(user);

        // Assert
        matches.ShouldBeFalse();
    }

    [Fact]
    public void Matches_CoreUrnQualifiedUserName_ReadsTopLevel()
    {
        // Arrange: RFC 7644 §3.4.2.2 example filter=urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"b\"").Matches(user);

        // Assert
        matches.ShouldBeTrue();
    }

    // ---- Logical operators ----

    [Theory]
    [InlineData("title pr and userType eq \"Employee\"", true)] // RFC 7644 §3.4.2.2 examples, in order
    [InlineData("title pr or userType eq \"Intern\"", true)]
    [InlineData("schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"", true)]
    [InlineData("userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")", true)]
    [InlineData("userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")", false)]
    [InlineData("userType eq \"Employee\" and (emails.type eq \"work\")", true)]
    [InlineData("userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]", true)]
    [InlineData("emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]", true)]
    [InlineData("userName eq \"bjensen\"", false)]
    [InlineData("userName sw \"J\"", false)]
    public void Matches_Rfc7644Examples_OverRfcUser(string filter, bool expected)
    {
        // Arrange
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter(filter).Matches(user);

        // Assert
        matches.ShouldBe(expected);
    }

    [Theory]
    [InlineData("not (userType eq \"Intern\")", true)]
    [InlineData("not (userType eq \"Employee\")", false)]
    [InlineData("not (nickName pr)", true)]
    [InlineData("not (not (title pr))", true)]
    [InlineData("userType eq \"Intern\" or title pr and active eq true", true)]
    [InlineData("(userType eq \"Intern\" or title pr) and active eq false", false)]
    [InlineData("userType eq \"Intern\" or title pr and active eq false", false)]
    [InlineData("title pr and not (emails[type eq \"home\"])", false)]
    public void Matches_NotAndPrecedence_Evaluated(string filter, bool expected)
    {
        // Arrange
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter(filter).Matches(user);

        // Assert
        matches.ShouldBe(expected);
    }

    // ---- pr and null (RFC 7644 §3.4.2.2 "pr"; RFC 7643 §2.5 unassigned, null and empty are equivalent) ----

    [Theory]
    [InlineData("title pr", true)]
    [InlineData("userName pr", true)]
    [InlineData("active pr", true)]
    [InlineData("emails pr", true)]
    [InlineData("emails.type pr", true)]
    [InlineData("nickName pr", false)] // empty string
    [InlineData("roles pr", false)] // empty array
    [InlineData("x509Certificates pr", false)] // absent
    [InlineData("name.middleName pr", true)]
    [InlineData("name.familyName pr", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager pr", true)]
    public void Matches_Present_NonEmptyValuesOnly(string filter, bool expected)
    {
        // Arrange
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter(filter).Matches(user);

        // Assert
        matches.ShouldBe(expected);
    }

    [Theory]
    [InlineData("name pr")]
    [InlineData("addresses pr")]
    [InlineData("meta pr")]
    public void Matches_PresentOnComplexWithoutValueSubAttribute_IsTrue(string filter)
    {
        // Arrange: "pr: If the attribute has a non-empty value, or if it contains a non-empty node for complex
        // attributes, there is a match" (RFC 7644 §3.4.2.2); name, addresses and meta have no "value" sub-attribute
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter(filter).Matches(user);

        // Assert
        matches.ShouldBeTrue();
    }

    [Theory]
    [InlineData("x509Certificates eq null", true)] // absent
    [InlineData("nickName eq null", true)] // empty string
    [InlineData("roles eq null", true)] // empty array
    [InlineData("title eq null", false)]
    [InlineData("x509Certificates ne null", false)]
    [InlineData("title ne null", true)]
    public void Matches_EqNull_TrueWhenUnassigned(string filter, bool expected)
    {
        // Arrange
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter(filter).Matches(user);

        // Assert
        matches.ShouldBe(expected);
    }

    [Fact]
    public void Matches_EqNullOnExplicitJsonNull_IsTrue()
    {
        // Arrange: Entra tolerates both absence and explicit null (reference B.3.1)
        var user = ScimJson.ParseObject(DisabledJson);

        // Act
        var matches = Filter("title eq null").Matches(user);

        // Assert
        matches.ShouldBeTrue();
    }

    [Fact]
    public void Matches_EqNullOnAssignedComplexAttribute_IsFalse()
    {
        // Arrange: name is assigned, so it is not null, whatever its sub-attributes are called
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter("name eq null").Matches(user);

        // Assert
        matches.ShouldBeFalse();
    }

    [Fact]
    public void Matches_ComparisonOnAbsentAttribute_IsFalse()
    {
        // Arrange
        var user = ScimJson.ParseObject(DisabledJson);

        // Act
        var matches = Filter("nickName eq \"babs\"").Matches(user);

        // Assert
        matches.ShouldBeFalse();
    }

    // ---- Attribute names in other casings (RFC 7643 §2.1) ----

    [Theory]
    [InlineData("userName eq \"bjensen\"")]
    [InlineData("USERNAME eq \"BJENSEN\"")]
    [InlineData("name.givenName eq \"barbara\"")]
    [InlineData("emails[type eq \"work\"].value eq \"bjensen@example.com\"")]
    [InlineData("emails.value co \"@example\"")]
    [InlineData("id eq \"A1B2\"")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"")]
    public void Matches_ResourceNamesInOtherCasing_StillMatch(string filter)
    {
        // Arrange
        var user = ScimJson.ParseObject(ShoutingJson);

        // Act
        var matches = Filter(filter).Matches(user);

        // Assert
        matches.ShouldBeTrue();
    }

    [Theory]
    [InlineData("USERNAME eq \"barbara.jensen@example.com\"")]
    [InlineData("UserName Eq \"barbara.jensen@example.com\"")]
    [InlineData("NAME.FAMILYNAME co \"malley\"")]
    [InlineData("EMAILS[TYPE eq \"work\"].VALUE eq \"bjensen@example.com\"")]
    [InlineData("Emails[Type EQ \"work\" AND Value CO \"@example.com\"]")]
    [InlineData("META.LASTMODIFIED ge \"2011-05-13T04:42:34Z\"")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:EMPLOYEENUMBER eq \"701984\"")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:Manager.Value eq \"26118915-6090-4610-87e4-49d8ca9f808d\"")]
    public void Matches_FilterNamesInOtherCasing_StillMatch(string filter)
    {
        // Arrange
        var user = ScimJson.ParseObject(BarbaraJson);

        // Act
        var matches = Filter(filter).Matches(user);

        // Assert
        matches.ShouldBeTrue();
    }

    // ---- Groups (reference B.2 R11, "querying groups by ID and by member") ----

    [Theory]
    [InlineData("displayName eq \"Tour Guides\"", true)] // R11
    [InlineData("displayName eq \"tour guides\"", true)]
    [InlineData("displayName eq \"Tour Guide\"", false)]
    [InlineData("id eq \"e9e30dba-f08f-4109-8486-d5c6a331660a\"", true)]
    [InlineData("members[value eq \"902c246b-6245-4190-8e05-00816be7344a\"]", true)]
    [InlineData("members[value eq \"00000000-0000-0000-0000-000000000000\"]", false)]
    [InlineData("members.value eq \"2819c223-7f76-453a-919d-413861904646\"", true)]
    [InlineData("members eq \"902c246b-6245-4190-8e05-00816be7344a\"", true)] // complex multi-valued: its value
    [InlineData("members[display co \"pepperidge\"]", true)]
    [InlineData("members[display co \"pepperidge\" and value eq \"2819c223-7f76-453a-919d-413861904646\"]", false)]
    [InlineData("displayName eq \"Tour Guides\" and members[value eq \"902c246b-6245-4190-8e05-00816be7344a\"]", true)]
    [InlineData("members pr", true)]
    public void Matches_Group_DisplayNameAndMembers(string filter, bool expected)
    {
        // Arrange
        var group = ScimJson.ParseObject(GroupJson);

        // Act
        var matches = Filter(filter).Matches(group);

        // Assert
        matches.ShouldBe(expected);
    }

    [Fact]
    public void Matches_GroupWithoutMembers_MembersPrIsFalse()
    {
        // Arrange: R12 answers with members excluded
        var group = ScimJson.ParseObject("""{"id":"g1","displayName":"Empty","members":[]}""");

        // Act
        var present = Filter("members pr").Matches(group);
        var member = Filter("members[value eq \"x\"]").Matches(group);

        // Assert
        present.ShouldBeFalse();
        member.ShouldBeFalse();
    }

    [Fact]
    public void Matches_ElementOfMultiValuedAttribute_EvaluatesAgainstTheElement()
    {
        // Arrange: Matches accepts "an element of a multi-valued attribute" too
        var element = ScimJson.ParseObject("""{"value":"bjensen@example.com","type":"work","primary":true}""");

        // Act
        var matches = Filter("type eq \"work\" and primary eq true").Matches(element);

        // Assert
        matches.ShouldBeTrue();
    }

    private static FilterExpression Filter(string text)
    {
        var result = FilterExpression.Parse(text);
        result.Error.ShouldBeNull($"'{text}' should parse");
        return result.Filter!;
    }
}
