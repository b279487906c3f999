using Provisio.Api.OData;
using Provisio.Directory.Query;

namespace Provisio.Api.Tests.OData;

public sealed class FilterParserTests
{
    private static string Parsed(string filter, ODataResource? resource = null)
    {
        var result = FilterParser.Parse(filter, resource ?? ODataResource.User);
        result.Error.ShouldBeNull();
        return FilterPrinter.Print(result.Value!);
    }

    private static ODataQueryError Refused(string filter, ODataResource? resource = null)
    {
        var result = FilterParser.Parse(filter, resource ?? ODataResource.User);
        result.Succeeded.ShouldBeFalse();
        return result.Error;
    }

    [Fact]
    public void Parse_PropertyInAnyCase_ComesOutInGraphSpelling()
    {
        var result = FilterParser.Parse("DEPARTMENT eq 'Sales'", ODataResource.User);

        result.Value.ShouldBe(new PropertyFilter("department", FilterOperator.Equal, "Sales"));
    }

    [Fact]
    public void Parse_StartsWith_PropertyAndPrefix()
    {
        var result = FilterParser.Parse("startswith(userPrincipalName,'zoe.a@')", ODataResource.User);

        result.Value.ShouldBe(new PropertyFilter("userPrincipalName", FilterOperator.StartsWith, "zoe.a@"));
    }

    [Theory]
    [InlineData("surname eq 'O''Brien'", "O'Brien")]
    [InlineData("surname eq ''''", "'")]
    [InlineData("surname eq ''", "")]
    [InlineData("surname eq 'a b  c'", "a b  c")]
    [InlineData("surname eq 'Ångström (ß)'", "Ångström (ß)")]
    public void Parse_StringLiteral_DoubledQuoteIsOneQuote(string filter, string value)
    {
        FilterParser.Parse(filter, ODataResource.User).Value.ShouldBe(new PropertyFilter("surname", FilterOperator.Equal, value));
    }

    [Theory]
    [InlineData("displayName eq 'a' or displayName eq 'b' and displayName eq 'c'", "(displayName eq 'a' or (displayName eq 'b' and displayName eq 'c'))")]
    [InlineData("displayName eq 'a' and displayName eq 'b' or displayName eq 'c'", "((displayName eq 'a' and displayName eq 'b') or displayName eq 'c')")]
    [InlineData("(displayName eq 'a' or displayName eq 'b') and displayName eq 'c'", "((displayName eq 'a' or displayName eq 'b') and displayName eq 'c')")]
    [InlineData("not displayName eq 'a' and displayName eq 'b'", "(not (displayName eq 'a') and displayName eq 'b')")]
    [InlineData("not (displayName eq 'a' or displayName eq 'b')", "not ((displayName eq 'a' or displayName eq 'b'))")]
    [InlineData("not not accountEnabled eq true", "not (not (accountEnabled eq true))")]
    [InlineData("((displayName eq 'a'))", "displayName eq 'a'")]
    public void Parse_Precedence_NotThenComparisonThenAndThenOr(string filter, string tree)
    {
        Parsed(filter).ShouldBe(tree);
    }

    [Fact]
    public void Parse_LongOrChain_BalancedTreeOfSameTerms()
    {
        var filter = string.Join(" or ", Enumerable.Range(0, 64).Select(index => $"mail eq 'u{index}@contoso.com'"));

        var tree = FilterParser.Parse(filter, ODataResource.User).Value!;

        Depth(tree).ShouldBe(7);
        Terms(tree).ShouldBe(Enumerable.Range(0, 64).Select(index => $"u{index}@contoso.com"));
    }

    [Theory]
    [InlineData("accountEnabled eq false", "accountEnabled eq false")]
    [InlineData("accountEnabled ne true", "accountEnabled ne true")]
    [InlineData("mail eq null", "mail eq null")]
    [InlineData("accountEnabled ne null", "accountEnabled ne null")]
    [InlineData("department in ('Sales', 'HR')", "department in ('Sales','HR')")]
    [InlineData("department in ('Sales')", "department in ('Sales')")]
    [InlineData("startsWith(displayName,'a') AND accountEnabled EQ true", "(startswith(displayName,'a') and accountEnabled eq true)")]
    [InlineData("startswith(displayName, 'a') eq true", "startswith(displayName,'a')")]
    [InlineData("startswith(displayName, 'a') eq false", "not (startswith(displayName,'a'))")]
    [InlineData("onPremisesExtensionAttributes/EXTENSIONATTRIBUTE1 eq 'x'", "onPremisesExtensionAttributes/extensionAttribute1 eq 'x'")]
    [InlineData("onpremisesextensionattributes/extensionAttribute15 ne null", "onPremisesExtensionAttributes/extensionAttribute15 ne null")]
    [InlineData("extension_a1b2_costCenter eq 'X-1'", "extension_a1b2_costCenter eq 'X-1'")]
    [InlineData("extension_a1b2_isContractor eq true", "extension_a1b2_isContractor eq true")]
    [InlineData("startswith(extension_a1b2_costCenter,'X')", "startswith(extension_a1b2_costCenter,'X')")]
    [InlineData("ID eq '3F2504E0-4F89-11D3-9A0C-0305E82C3301'", "id eq '3f2504e0-4f89-11d3-9a0c-0305e82c3301'")]
    [InlineData("id in ('3f2504e0-4f89-11d3-9a0c-0305e82c3301', '{3F2504E0-4F89-11D3-9A0C-0305E82C3302}')", "id in ('3f2504e0-4f89-11d3-9a0c-0305e82c3301','3f2504e0-4f89-11d3-9a0c-0305e82c3302')")]
    [InlineData("  displayName\teq   'a'  ", "displayName eq 'a'")]
    public void Parse_SupportedForms_Tree(string filter, string tree)
    {
        Parsed(filter).ShouldBe(tree);
    }

    [Theory]
    [InlineData("securityEnabled eq true and mailEnabled eq false", "(securityEnabled eq true and mailEnabled eq false)")]
    [InlineData("startswith(mailNickname,'sales')", "startswith(mailNickname,'sales')")]
    public void Parse_Group_GroupProperties(string filter, string tree)
    {
        Parsed(filter, ODataResource.Group).ShouldBe(tree);
    }

    [Fact]
    public void Parse_ServicePrincipal_AppId()
    {
        Parsed("appId eq '00000003-0000-0000-c000-000000000000'", ODataResource.ServicePrincipal)
            .ShouldBe("appId eq '00000003-0000-0000-c000-000000000000'");
    }

    [Theory]
    [InlineData("department eq", 13, "Invalid filter clause: Syntax error at position 13 in 'department eq': expected a value ('text', true, false or null).")]
    [InlineData("department eq 5", 14, "Invalid filter clause: Syntax error at position 14 in 'department eq 5': expected a value ('text', true, false or null) but found '5'.")]
    [InlineData("department eq Sales", 14, "Invalid filter clause: Syntax error at position 14 in 'department eq Sales': expected a value ('text', true, false or null) but found 'Sales'.")]
    [InlineData("", 0, "Invalid filter clause: Syntax error at position 0 in '': expected a condition (a property name, startswith(...), not or '(').")]
    [InlineData("department", 10, "Invalid filter clause: Syntax error at position 10 in 'department': expected an operator (eq, ne or in).")]
    [InlineData("department equals 'x'", 11, "Invalid filter clause: Syntax error at position 11 in 'department equals 'x'': expected an operator (eq, ne or in) but found 'equals'.")]
    [InlineData("(department eq 'x'", 18, "Invalid filter clause: Syntax error at position 18 in '(department eq 'x'': expected ')'.")]
    [InlineData("department eq 'x')", 17, "Invalid filter clause: Syntax error at position 17 in 'department eq 'x')': expected 'and', 'or' or the end of the filter but found ')'.")]
    [InlineData("department eq 'x' extra", 18, "Invalid filter clause: Syntax error at position 18 in 'department eq 'x' extra': expected 'and', 'or' or the end of the filter but found 'extra'.")]
    [InlineData("department eq 'x' and", 21, "Invalid filter clause: Syntax error at position 21 in 'department eq 'x' and': expected a condition (a property name, startswith(...), not or '(').")]
    [InlineData("department in 'x'", 14, "Invalid filter clause: Syntax error at position 14 in 'department in 'x'': expected '(' and a list of values but found ''x''.")]
    [InlineData("department in ('x' 'y')", 19, "Invalid filter clause: Syntax error at position 19 in 'department in ('x' 'y')': expected ',' or ')' but found ''y''.")]
    [InlineData("department in ()", 15, "Invalid filter clause: Syntax error at position 15 in 'department in ()': expected a value ('text', true, false or null) but found ')'.")]
    [InlineData("startswith(displayName 'a')", 23, "Invalid filter clause: Syntax error at position 23 in 'startswith(displayName 'a')': expected ',' but found ''a''.")]
    [InlineData("startswith('a', displayName)", 11, "Invalid filter clause: Syntax error at position 11 in 'startswith('a', displayName)': expected a property name but found ''a''.")]
    [InlineData("onPremisesExtensionAttributes/ 'x'", 31, "Invalid filter clause: Syntax error at position 31 in 'onPremisesExtensionAttributes/ 'x'': expected a property name after '/' but found ''x''.")]
    [InlineData("startswith(displayName,'a') eq 'b'", 31, "Invalid filter clause: Syntax error at position 31 in 'startswith(displayName,'a') eq 'b'': expected true or false but found ''b''.")]
    public void Parse_SyntaxError_NamesPositionInText(string filter, int position, string message)
    {
        var error = Refused(filter);

        error.Code.ShouldBe("BadRequest");
        error.Position.ShouldBe(position);
        error.Message.ShouldBe(message);
    }

    [Fact]
    public void Parse_UnclosedString_ReportsPositionOfOpeningQuote()
    {
        var error = Refused("displayName eq 'Ana");

        error.Code.ShouldBe("BadRequest");
        error.Position.ShouldBe(15);
        error.Message.ShouldBe("Invalid filter clause: There is an unterminated string literal at position 15 in 'displayName eq 'Ana'.");
    }

    [Theory]
    [InlineData("displayName = 'x'", '=', 12)]
    [InlineData("startswith(displayName,%27a%27)", '%', 23)]
    [InlineData("displayName eq \"x\"", '"', 15)]
    [InlineData("displayName eq @p", '@', 15)]
    public void Parse_StrayCharacter_GraphsMessageWithPosition(string filter, char character, int position)
    {
        var error = Refused(filter);

        error.Code.ShouldBe("BadRequest");
        error.Position.ShouldBe(position);
        error.Message.ShouldBe($"Invalid filter clause: Syntax error: character '{character}' is not valid at position {position} in '{filter}'.");
    }

    [Theory]
    [InlineData("favouriteColour eq 'red'", "favouriteColour", "microsoft.graph.user")]
    [InlineData("onPremisesExtensionAttributes/extensionAttribute16 eq 'x'", "onPremisesExtensionAttributes/extensionAttribute16", "microsoft.graph.user")]
    [InlineData("onPremisesExtensionAttributes/extensionAttribute01 eq 'x'", "onPremisesExtensionAttributes/extensionAttribute01", "microsoft.graph.user")]
    [InlineData("displayName/first eq 'x'", "displayName/first", "microsoft.graph.user")]
    [InlineData("startswith(nope,'x')", "nope", "microsoft.graph.user")]
    public void Parse_UnknownProperty_CouldNotFindPropertyOnType(string filter, string property, string type)
    {
        var error = Refused(filter);

        error.Code.ShouldBe("BadRequest");
        error.Message.ShouldBe($"Invalid filter clause: Could not find a property named '{property}' on type '{type}'.");
    }

    [Fact]
    public void Parse_UserPropertyOnGroup_CouldNotFindProperty()
    {
        Refused("userPrincipalName eq 'x'", ODataResource.Group).Message
            .ShouldBe("Invalid filter clause: Could not find a property named 'userPrincipalName' on type 'microsoft.graph.group'.");
    }

    [Fact]
    public void Parse_DirectoryExtensionOnGroup_CouldNotFindProperty()
    {
        Refused("extension_a1b2_costCenter eq 'x'", ODataResource.Group).Code.ShouldBe("BadRequest");
    }

    [Theory]
    [InlineData("proxyAddresses eq 'smtp:ana@contoso.com'", "Unsupported or invalid query filter clause specified for property 'proxyAddresses' of resource 'User': multi-valued properties (Graph's any and all) are not supported.")]
    [InlineData("startswith(otherMails,'ana')", "Unsupported or invalid query filter clause specified for property 'otherMails' of resource 'User': multi-valued properties (Graph's any and all) are not supported.")]
    [InlineData("passwordProfile/password eq 'x'", "Unsupported or invalid query filter clause specified for property 'passwordProfile' of resource 'User': complex properties cannot be compared.")]
    [InlineData("onPremisesExtensionAttributes eq null", "Unsupported or invalid query filter clause specified for property 'onPremisesExtensionAttributes' of resource 'User': complex properties cannot be compared.")]
    [InlineData("proxyAddresses/any(p:startswith(p,'smtp:'))", "The lambda operator 'any' (at position 15) is not supported in $filter: Provisio does not filter multi-valued properties such as 'proxyAddresses'.")]
    [InlineData("businessPhones/ALL(p:p eq '1')", "The lambda operator 'ALL' (at position 15) is not supported in $filter: Provisio does not filter multi-valued properties such as 'businessPhones'.")]
    [InlineData("displayName ge 'a'", "The operator 'ge' (at position 12) is not supported in $filter; Provisio supports eq, ne, startswith, in, and, or and not.")]
    [InlineData("endswith(mail,'@contoso.com')", "The function 'endswith' (at position 0) is not supported in $filter; Provisio supports eq, ne, startswith, in, and, or and not.")]
    [InlineData("contains(displayName,'a')", "The function 'contains' (at position 0) is not supported in $filter; Provisio supports eq, ne, startswith, in, and, or and not.")]
    public void Parse_UnsupportedButValid_RequestUnsupportedQuery(string filter, string message)
    {
        var error = Refused(filter);

        error.Code.ShouldBe("Request_UnsupportedQuery");
        error.Message.ShouldBe(message);
    }

    [Fact]
    public void Parse_GroupTypesLambda_Unsupported()
    {
        Refused("groupTypes/any(c:c eq 'Unified')", ODataResource.Group).Code.ShouldBe("Request_UnsupportedQuery");
    }

    [Theory]
    [InlineData("accountEnabled eq 'yes'", "Invalid filter clause: A binary operator with incompatible types was detected. Found operand types 'Edm.Boolean' and 'Edm.String' for operator kind 'Equal' (property 'accountEnabled', value at position 18).")]
    [InlineData("displayName ne true", "Invalid filter clause: A binary operator with incompatible types was detected. Found operand types 'Edm.String' and 'Edm.Boolean' for operator kind 'NotEqual' (property 'displayName', value at position 15).")]
    [InlineData("department in ('Sales', false)", "Invalid filter clause: A binary operator with incompatible types was detected. Found operand types 'Edm.String' and 'Edm.Boolean' for operator kind 'In' (property 'department', value at position 24).")]
    [InlineData("startswith(accountEnabled,'t')", "Invalid filter clause: No function signature for the function with name 'startswith' matches the specified arguments: startswith takes a string property and a string in single quotes.")]
    [InlineData("startswith(displayName,null)", "Invalid filter clause: No function signature for the function with name 'startswith' matches the specified arguments: startswith takes a string property and a string in single quotes.")]
    [InlineData("startswith(id,'3f25')", "Invalid filter clause: No function signature for the function with name 'startswith' matches the specified arguments: startswith takes a string property and a string in single quotes.")]
    [InlineData("frobnicate(mail)", "Invalid filter clause: An unknown function with name 'frobnicate' was found at position 0.")]
    public void Parse_WrongTypes_BadRequest(string filter, string message)
    {
        var error = Refused(filter);

        error.Code.ShouldBe("BadRequest");
        error.Message.ShouldBe(message);
    }

    [Fact]
    public void Parse_IdThatIsNotAGuid_InvalidObjectIdentifier()
    {
        var error = Refused("id eq 'abc'");

        error.Code.ShouldBe("Request_BadRequest");
        error.Message.ShouldBe("Invalid object identifier 'abc'.");
        error.Position.ShouldBe(6);
    }

    [Fact]
    public void Parse_NestedTooDeep_RefusedWithPositionNotStackOverflow()
    {
        var filter = new string('(', 5000) + "mail eq null" + new string(')', 5000);

        var error = Refused(filter);

        error.Code.ShouldBe("Request_UnsupportedQuery");
        error.Position.ShouldBe(FilterParser.MaximumDepth);
        error.Message.ShouldBe($"The filter nests parentheses and 'not' more than {FilterParser.MaximumDepth} deep (at position {FilterParser.MaximumDepth}); simplify it.");
    }

    [Fact]
    public void Parse_NotsAtTheDepthLimit_Accepted()
    {
        var filter = string.Concat(Enumerable.Repeat("not ", FilterParser.MaximumDepth)) + "mail eq null";

        FilterParser.Parse(filter, ODataResource.User).Succeeded.ShouldBeTrue();
        Refused("not " + filter).Code.ShouldBe("Request_UnsupportedQuery");
    }

    [Fact]
    public void Parse_TooManyComparisons_Refused()
    {
        var values = string.Join(",", Enumerable.Range(0, FilterParser.MaximumComparisons).Select(index => $"'{index}'"));

        FilterParser.Parse($"department in ({values})", ODataResource.User).Succeeded.ShouldBeTrue();
        var error = Refused($"department in ({values}) or mail eq null");

        error.Code.ShouldBe("Request_UnsupportedQuery");
        error.Message.ShouldBe($"The filter makes more than {FilterParser.MaximumComparisons} comparisons (counting each value of an 'in' list); split the query.");
    }

    [Fact]
    public void Parse_Filter_MatchesAsTheTextSays()
    {
        var filter = FilterParser.Parse("startswith(userPrincipalName,'ZOE.') and (department eq 'sales' or not accountEnabled eq true)", ODataResource.User).Value!;
        var id = Guid.NewGuid();

        filter.Matches(id, Json("""{"userPrincipalName":"zoe.a@contoso.com","department":"Sales","accountEnabled":true}""")).ShouldBeTrue();
        filter.Matches(id, Json("""{"userPrincipalName":"zoe.a@contoso.com","department":"HR","accountEnabled":false}""")).ShouldBeTrue();
        filter.Matches(id, Json("""{"userPrincipalName":"zoe.a@contoso.com","department":"HR","accountEnabled":true}""")).ShouldBeFalse();
        filter.Matches(id, Json("""{"userPrincipalName":"ana@contoso.com","department":"Sales"}""")).ShouldBeFalse();
    }

    private static System.Text.Json.Nodes.JsonObject Json(string text) => System.Text.Json.Nodes.JsonNode.Parse(text)!.AsObject();

    private static int Depth(DirectoryFilter filter) => filter switch
    {
        AndFilter and => 1 + Math.Max(Depth(and.Left), Depth(and.Right)),
        OrFilter or => 1 + Math.Max(Depth(or.Left), Depth(or.Right)),
        NotFilter not => 1 + Depth(not.Operand),
        _ => 1,
    };

    private static IEnumerable<object?> Terms(DirectoryFilter filter) => filter switch
    {
        OrFilter or => Terms(or.Left).Concat(Terms(or.Right)),
        PropertyFilter property => [property.Value],
        _ => [],
    };
}
