using Provisio.Expressions.Syntax;

namespace Provisio.Expressions.Tests.Syntax;

/// <summary>
/// The grammar of reference entra-expressions-and-scim A.1: every construct of its table parses to the tree it means,
/// and every syntax error comes back as a value with its code, its position and its whole message.
/// </summary>
public sealed class ExpressionParserTests
{
    // ---- A.1 table: constructs that must parse ----

    [Fact]
    public void Parse_EmptyArguments_AreOmittedArguments()
    {
        // Arrange
        const string text = "Replace([mail], \"@contoso.com\", , ,\"\", ,)";

        // Act
        var tree = ParseTree(text);

        // Assert
        ShouldEqual(tree, Call("Replace", Attribute("mail"), Str("@contoso.com"), Omitted(), Omitted(), Str(""), Omitted(), Omitted()));
    }

    [Fact]
    public void Parse_EmptyArgumentBeforeValues_KeepsItsPlace()
    {
        // Arrange
        const string text = "FormatDateTime([x], , \"yyyyMMddHHmmss.fZ\", \"yyyy-MM-dd\")";

        // Act
        var tree = ParseTree(text);

        // Assert
        ShouldEqual(tree, Call("FormatDateTime", Attribute("x"), Omitted(), Str("yyyyMMddHHmmss.fZ"), Str("yyyy-MM-dd")));
    }

    [Fact]
    public void Parse_TrailingEmptyArgument_IsOmittedArgument()
    {
        // Arrange
        const string text = "ToLower(Mid([lastName], 2, 64), )";

        // Act
        var tree = ParseTree(text);

        // Assert
        ShouldEqual(tree, Call("ToLower", Call("Mid", Attribute("lastName"), Int(2), Int(64)), Omitted()));
    }

    [Fact]
    public void Parse_EmptyArgumentAndEmptyString_AreDistinct()
    {
        // Arrange
        const string text = "Switch([Active], , \"1\", \"\")";

        // Act
        var tree = (FunctionCall)ParseTree(text);

        // Assert
        tree.Arguments[1].ShouldBeOfType<OmittedArgument>();
        tree.Arguments[3].ShouldBeOfType<StringLiteral>().Value.ShouldBe(string.Empty);
    }

    [Fact]
    public void Parse_IntegerLiteral_IsInteger()
    {
        // Arrange
        const string text = "Left(\"John Doe\", 3)";

        // Act
        var number = ((FunctionCall)ParseTree(text)).Arguments[1].ShouldBeOfType<NumberLiteral>();

        // Assert
        number.IsInteger.ShouldBeTrue();
        number.IsHexadecimal.ShouldBeFalse();
        number.Integer.ShouldBe(3);
    }

    [Fact]
    public void Parse_NegativeInteger_IsNegativeInteger()
    {
        // Arrange
        const string text = "DateAdd(\"d\", -10, [StatusHireDate])";

        // Act
        var tree = ParseTree(text);

        // Assert
        ShouldEqual(tree, Call("DateAdd", Str("d"), Int(-10), Attribute("StatusHireDate")));
    }

    [Fact]
    public void Parse_DecimalLiteral_IsDecimal()
    {
        // Arrange
        const string text = "Len(42568.75)";

        // Act
        var number = ((FunctionCall)ParseTree(text)).Arguments[0].ShouldBeOfType<NumberLiteral>();

        // Assert
        number.IsInteger.ShouldBeFalse();
        number.Decimal.ShouldBe(42568.75);
    }

    [Fact]
    public void Parse_NegativeDecimal_IsNegativeDecimal()
    {
        // Arrange
        const string text = "Len(-0.5)";

        // Act
        var number = ((FunctionCall)ParseTree(text)).Arguments[0].ShouldBeOfType<NumberLiteral>();

        // Assert
        number.IsInteger.ShouldBeFalse();
        number.Decimal.ShouldBe(-0.5);
    }

    [Fact]
    public void Parse_HugeInteger_FitsInInt64()
    {
        // Arrange
        const string text = "DateFromNum(129699324000000000)";

        // Act
        var number = ((FunctionCall)ParseTree(text)).Arguments[0].ShouldBeOfType<NumberLiteral>();

        // Assert
        number.IsInteger.ShouldBeTrue();
        number.Integer.ShouldBe(129699324000000000L);
    }

    [Theory]
    [InlineData("Len(9223372036854775807)", long.MaxValue)]
    [InlineData("Len(-9223372036854775808)", long.MinValue)]
    public void Parse_Int64Bounds_AreIntegers(string text, long expected)
    {
        // Act
        var number = ((FunctionCall)ParseTree(text)).Arguments[0].ShouldBeOfType<NumberLiteral>();

        // Assert
        number.Integer.ShouldBe(expected);
    }

    [Fact]
    public void Parse_HexLiterals_AreHexadecimalIntegers()
    {
        // Arrange
        const string text = "BitAnd(&HF, &HF7)";

        // Act
        var call = (FunctionCall)ParseTree(text);

        // Assert
        var first = call.Arguments[0].ShouldBeOfType<NumberLiteral>();
        var second = call.Arguments[1].ShouldBeOfType<NumberLiteral>();
        first.IsHexadecimal.ShouldBeTrue();
        first.Integer.ShouldBe(15);
        second.IsHexadecimal.ShouldBeTrue();
        second.Integer.ShouldBe(0xF7);
        ExpressionPrinter.Print(call).ShouldBe("BitAnd(&HF, &HF7)");
    }

    [Fact]
    public void Parse_LowerCaseHexLiteral_PrintsUpperCase()
    {
        // Arrange
        const string text = "BitAnd(&hff, &Ha0)";

        // Act
        var tree = ParseTree(text);

        // Assert
        ShouldEqual(tree, Call("BitAnd", Hex(0xFF), Hex(0xA0)));
        ExpressionPrinter.Print(tree).ShouldBe("BitAnd(&HFF, &HA0)");
    }

    [Fact]
    public void Parse_NumberWrittenAsString_IsStringLiteral()
    {
        // Arrange
        const string text = "Mid([PreferredFirstName], \"1\", \"1\")";

        // Act
        var tree = ParseTree(text);

        // Assert
        ShouldEqual(tree, Call("Mid", Attribute("PreferredFirstName"), Str("1"), Str("1")));
    }

    [Fact]
    public void Parse_BareCompareKeyword_IsKeyword()
    {
        // Arrange
        const string text = "InStr(\"repEated\",\"e\",3,vbBinaryCompare)";

        // Act
        var tree = ParseTree(text);

        // Assert
        ShouldEqual(tree, Call("InStr", Str("repEated"), Str("e"), Int(3), new Keyword("vbBinaryCompare")));
    }

    [Fact]
    public void Parse_BareFlowControlKeyword_IsKeyword()
    {
        // Arrange
        const string text = "IIF([Active]=\"1\", [Department], IgnoreAttributeFlow)";

        // Act
        var tree = ParseTree(text);

        // Assert
        ShouldEqual(tree, Call("IIF", new Comparison(Attribute("Active"), ComparisonOperator.Equal, Str("1")),
            Attribute("Department"), new Keyword("IgnoreAttributeFlow")));
    }

    [Theory]
    [InlineData("=", ComparisonOperator.Equal)]
    [InlineData("<>", ComparisonOperator.NotEqual)]
    [InlineData(">", ComparisonOperator.Greater)]
    [InlineData(">=", ComparisonOperator.GreaterOrEqual)]
    [InlineData("<", ComparisonOperator.Less)]
    [InlineData("<=", ComparisonOperator.LessOrEqual)]
    public void Parse_InfixComparison_IsComparison(string symbol, ComparisonOperator expected)
    {
        // Arrange
        var text = $"IIF(Len([LastName]){symbol}5, \"short\", \"long\")";

        // Act
        var tree = ParseTree(text);

        // Assert
        ShouldEqual(tree, Call("IIF", new Comparison(Call("Len", Attribute("LastName")), expected, Int(5)), Str("short"), Str("long")));
        ExpressionPrinter.Print(tree).ShouldBe($"IIF(Len([LastName]) {symbol} 5, \"short\", \"long\")");
    }

    [Fact]
    public void Parse_ComparisonOfTwoAttributes_IsComparison()
    {
        // Arrange
        const string text = "CBool([attribute1] = [attribute2])";

        // Act
        var tree = ParseTree(text);

        // Assert
        ShouldEqual(tree, Call("CBool", new Comparison(Attribute("attribute1"), ComparisonOperator.Equal, Attribute("attribute2"))));
    }

    [Fact]
    public void Parse_ComparisonOfCallWithNumber_IsComparison()
    {
        // Arrange
        const string text = "IIF(InStr([emailAddress],\"@contoso.com\")=0,\"\",[emailAddress])";

        // Act
        var tree = ParseTree(text);

        // Assert
        ShouldEqual(tree, Call("IIF",
            new Comparison(Call("InStr", Attribute("emailAddress"), Str("@contoso.com")), ComparisonOperator.Equal, Int(0)),
            Str(""), Attribute("emailAddress")));
    }

    [Theory]
    [InlineData("Guid()", "Guid")]
    [InlineData("Now()", "Now")]
    [InlineData("DefaultDomain( )", "DefaultDomain")]
    public void Parse_ZeroArgumentCall_HasNoArguments(string text, string name)
    {
        // Act
        var call = ParseTree(text).ShouldBeOfType<FunctionCall>();

        // Assert
        call.Name.ShouldBe(name);
        call.Arguments.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_WhitespaceAndNewlines_AreIgnored()
    {
        // Arrange
        const string text = "SelectUniqueValue( \n    Join(\"@\", NormalizeDiacritics(StripSpaces([firstName])), \"contoso.com\"),\r\n\t"
            + "Join(\"@\", Mid([firstName], 1, 1), \"contoso.com\")\n)\n";

        // Act
        var tree = ParseTree(text);

        // Assert
        ShouldEqual(tree, Call("SelectUniqueValue",
            Call("Join", Str("@"), Call("NormalizeDiacritics", Call("StripSpaces", Attribute("firstName"))), Str("contoso.com")),
            Call("Join", Str("@"), Call("Mid", Attribute("firstName"), Int(1), Int(1)), Str("contoso.com"))));
    }

    [Fact]
    public void Parse_SpaceBeforeParenthesis_IsCall()
    {
        // Arrange
        const string text = "Append (\"SMTP:\", [mail])";

        // Act
        var tree = ParseTree(text);

        // Assert
        ShouldEqual(tree, Call("Append", Str("SMTP:"), Attribute("mail")));
    }

    [Theory]
    [InlineData("[extension_53c9e2c0exxxxxxxxxxxxxxxx_acmeCostCenter]", "extension_53c9e2c0exxxxxxxxxxxxxxxx_acmeCostCenter")]
    [InlineData("[extensionAttribute1]", "extensionAttribute1")]
    [InlineData("[cust_hiredate]", "cust_hiredate")]
    [InlineData("[passwordProfile.password]", "passwordProfile.password")]
    public void Parse_AttributeNameWithUnderscoresDigitsDots_KeepsName(string text, string name)
    {
        // Act
        var tree = ParseTree(text);

        // Assert
        tree.ShouldBeOfType<AttributeReference>().Name.ShouldBe(name);
    }

    [Fact]
    public void Parse_TopLevelString_IsStringLiteral()
    {
        // Act
        var tree = ParseTree("\"United States\"");

        // Assert
        tree.ShouldBeOfType<StringLiteral>().Value.ShouldBe("United States");
    }

    [Fact]
    public void Parse_EscapedQuote_IsQuote()
    {
        // Arrange
        const string text = "\"Company name: \\\"Contoso\\\"\"";

        // Act
        var tree = ParseTree(text);

        // Assert
        tree.ShouldBeOfType<StringLiteral>().Value.ShouldBe("Company name: \"Contoso\"");
    }

    [Fact]
    public void Parse_EscapedBackslash_IsOneBackslash()
    {
        // Arrange
        const string text = "Replace([x], , \"[\\\\/]\", , \"\", , )";

        // Act
        var call = (FunctionCall)ParseTree(text);

        // Assert
        call.Arguments[2].ShouldBeOfType<StringLiteral>().Value.ShouldBe("[\\/]");
    }

    [Fact]
    public void Parse_OtherBackslashes_AreKeptVerbatim()
    {
        // Arrange: the Workday guide's regex, "\+(?<isdCode>49|44)" reaches the regex engine as written
        const string text = "\"\\+(?<isdCode>49|44)\\d\\s\"";

        // Act
        var tree = ParseTree(text);

        // Assert
        tree.ShouldBeOfType<StringLiteral>().Value.ShouldBe("\\+(?<isdCode>49|44)\\d\\s");
    }

    [Fact]
    public void Parse_EscapedBackslashThenQuote_EndsString()
    {
        // Arrange: "a\\" is a, backslash; the quote after \\ closes the string
        const string text = "Join(\"a\\\\\", \"\\\\\\\"\")";

        // Act
        var call = (FunctionCall)ParseTree(text);

        // Assert
        call.Arguments[0].ShouldBeOfType<StringLiteral>().Value.ShouldBe("a\\");
        call.Arguments[1].ShouldBeOfType<StringLiteral>().Value.ShouldBe("\\\"");
    }

    [Fact]
    public void Parse_StringWithNewline_KeepsNewline()
    {
        // Act
        var tree = ParseTree("\"line1\nline2\"");

        // Assert
        tree.ShouldBeOfType<StringLiteral>().Value.ShouldBe("line1\nline2");
    }

    [Fact]
    public void Parse_GraphExample_PrintsNormalizedWhitespace()
    {
        // Arrange: reference A.1.1 (GRAPH-PE)
        const string text = "Replace([preferredLanguage], \"-\", , , \"_\", ,  )";

        // Act
        var tree = ParseTree(text);

        // Assert
        ExpressionPrinter.Print(tree).ShouldBe("Replace([preferredLanguage], \"-\", , , \"_\", , )");
    }

    [Fact]
    public void Parse_MultiLineText_PositionsHaveLinesAndColumns()
    {
        // Arrange
        const string text = "Join(\",\",\n  [a],\n\t\"b\")";

        // Act
        var call = (FunctionCall)ParseTree(text);

        // Assert
        call.Position.ShouldBe(new TextPosition(0, 1, 1));
        call.Arguments[0].Position.ShouldBe(new TextPosition(5, 1, 6));
        call.Arguments[1].Position.ShouldBe(new TextPosition(12, 2, 3));
        call.Arguments[2].Position.ShouldBe(new TextPosition(18, 3, 2));
    }

    [Fact]
    public void Parse_OmittedArgument_IsPositionedAtItsSeparator()
    {
        // Act
        var call = (FunctionCall)ParseTree("Left(, 3)");

        // Assert
        call.Arguments[0].ShouldBeOfType<OmittedArgument>().Position.ShouldBe(new TextPosition(5, 1, 6));
    }

    [Fact]
    public void Parse_NestedToMaximumDepth_Parses()
    {
        // Arrange
        var text = string.Concat(Enumerable.Repeat("Not(", ExpressionParser.MaximumDepth)) + "\"True\""
            + new string(')', ExpressionParser.MaximumDepth);

        // Act
        var result = ExpressionParser.Parse(text);

        // Assert
        result.Error.ShouldBeNull();
    }

    [Fact]
    public void Parse_ExactlyMaximumLength_Parses()
    {
        // Arrange
        var text = "\"" + new string('a', ExpressionParser.MaximumLength - 2) + "\"";

        // Act
        var result = ExpressionParser.Parse(text);

        // Assert
        text.Length.ShouldBe(10_000);
        result.Error.ShouldBeNull();
    }

    // ---- Errors: code, position, whole message ----

    [Fact]
    public void Parse_UnterminatedString_ReportsColumnOfOpeningQuote()
    {
        // Act
        var error = ParseError("Left(\"abc, 3)");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnterminatedString);
        error.Position.ShouldBe(new TextPosition(5, 1, 6));
        error.Message.ShouldBe("Syntax error (column 6): the string opened here is not closed, expected '\"'.");
    }

    [Fact]
    public void Parse_UnterminatedStringOnSecondLine_ReportsLineAndColumnOfOpeningQuote()
    {
        // Act
        var error = ParseError("Join(\",\",\n  \"abc)");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnterminatedString);
        error.Position.ShouldBe(new TextPosition(12, 2, 3));
    }

    [Fact]
    public void Parse_BackslashBeforeClosingQuote_ReportsUnterminatedString()
    {
        // Arrange: \" escapes the quote, so "abc\" never closes
        const string text = "Join(\",\", \"abc\\\")";

        // Act
        var error = ParseError(text);

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnterminatedString);
        error.Position.ShouldBe(new TextPosition(10, 1, 11));
        error.Message.ShouldBe("Syntax error (column 11): the string opened here is not closed, expected '\"'.");
    }

    [Fact]
    public void Parse_UnclosedAttributeBracket_ReportsColumnOfBracket()
    {
        // Act
        var error = ParseError("Join(\",\", [mail)");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnbalancedBrackets);
        error.Position.ShouldBe(new TextPosition(10, 1, 11));
        error.Message.ShouldBe("Syntax error (column 11): the attribute name opened with '[' is not closed, expected ']'.");
    }

    [Fact]
    public void Parse_AttributeBracketClosedOnNextLine_ReportsUnclosedBracket()
    {
        // Act
        var error = ParseError("Join(\",\", [ma\nil])");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnbalancedBrackets);
        error.Position.ShouldBe(new TextPosition(10, 1, 11));
    }

    [Fact]
    public void Parse_EmptyAttributeName_ReportsColumnOfBracket()
    {
        // Act
        var error = ParseError("Join(\",\", [ ])");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnexpectedToken);
        error.Position.ShouldBe(new TextPosition(10, 1, 11));
        error.Message.ShouldBe("Syntax error (column 11): empty attribute name, expected a name between '[' and ']'.");
    }

    [Fact]
    public void Parse_MissingCloseParenthesisAtEnd_ReportsEndAndNamesOpenParenthesis()
    {
        // Act
        var error = ParseError("Left(\"abc\", 3");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnbalancedBrackets);
        error.Position.ShouldBe(new TextPosition(13, 1, 14));
        error.Message.ShouldBe("Syntax error (column 14): the '(' at column 5 is not closed, expected ')'.");
    }

    [Fact]
    public void Parse_MissingInnerCloseParenthesis_NamesInnermostOpenParenthesis()
    {
        // Act
        var error = ParseError("Join(\",\", Left(\"a\", 1");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnbalancedBrackets);
        error.Position.ShouldBe(new TextPosition(21, 1, 22));
        error.Message.ShouldBe("Syntax error (column 22): the '(' at column 15 is not closed, expected ')'.");
    }

    [Fact]
    public void Parse_MissingOuterCloseParenthesis_NamesOuterOpenParenthesis()
    {
        // Act
        var error = ParseError("Join(\",\", Left(\"a\", 1)");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnbalancedBrackets);
        error.Position.ShouldBe(new TextPosition(22, 1, 23));
        error.Message.ShouldBe("Syntax error (column 23): the '(' at column 5 is not closed, expected ')'.");
    }

    [Fact]
    public void Parse_MissingCloseParenthesisOpenedOnSecondLine_NamesLineAndColumn()
    {
        // Act
        var error = ParseError("Join(\",\",\nLeft([a], 1");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnbalancedBrackets);
        error.Position.ShouldBe(new TextPosition(21, 2, 12));
        error.Message.ShouldBe("Syntax error (line 2, column 12): the '(' at line 2, column 5 is not closed, expected ')'.");
    }

    [Fact]
    public void Parse_EndAfterComma_ReportsUnclosedParenthesis()
    {
        // Act
        var error = ParseError("Left(\"abc\",");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnbalancedBrackets);
        error.Position.ShouldBe(new TextPosition(11, 1, 12));
        error.Message.ShouldBe("Syntax error (column 12): the '(' at column 5 is not closed, expected ')'.");
    }

    [Fact]
    public void Parse_EndAfterOpenParenthesis_ReportsUnclosedParenthesis()
    {
        // Act
        var error = ParseError("Left(");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnbalancedBrackets);
        error.Position.ShouldBe(new TextPosition(5, 1, 6));
        error.Message.ShouldBe("Syntax error (column 6): the '(' at column 5 is not closed, expected ')'.");
    }

    [Fact]
    public void Parse_ExtraCloseParenthesis_ReportsItsColumn()
    {
        // Act
        var error = ParseError("Left(\"abc\", 3))");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnbalancedBrackets);
        error.Position.ShouldBe(new TextPosition(14, 1, 15));
        error.Message.ShouldBe("Syntax error (column 15): ')' has no matching '(', expected end of expression.");
    }

    [Fact]
    public void Parse_TwoArgumentsWithoutComma_ReportsSecondValue()
    {
        // Act
        var error = ParseError("Join(\",\" [a])");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnexpectedToken);
        error.Position.ShouldBe(new TextPosition(9, 1, 10));
        error.Message.ShouldBe("Syntax error (column 10): unexpected attribute [a], expected ',' or ')'.");
    }

    [Fact]
    public void Parse_TwoStringsWithoutComma_ReportsSecondString()
    {
        // Act
        var error = ParseError("Join(\",\", \"a\" \"b\")");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnexpectedToken);
        error.Position.ShouldBe(new TextPosition(14, 1, 15));
        error.Message.ShouldBe("Syntax error (column 15): unexpected string \"b\", expected ',' or ')'.");
    }

    [Fact]
    public void Parse_TwoTopLevelValues_ReportsSecondValue()
    {
        // Act
        var error = ParseError("[a] [b]");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnexpectedToken);
        error.Position.ShouldBe(new TextPosition(4, 1, 5));
        error.Message.ShouldBe("Syntax error (column 5): unexpected attribute [b], expected end of expression.");
    }

    [Fact]
    public void Parse_TwoComparisonsInCondition_ReportsSecondOperator()
    {
        // Act
        var error = ParseError("IIF([a]=1=2,\"y\",\"n\")");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnexpectedToken);
        error.Position.ShouldBe(new TextPosition(9, 1, 10));
        error.Message.ShouldBe(
            "Syntax error (column 10): unexpected operator '=', expected ',' or ')' (a condition has one comparison; IIF has no AND or OR, nest IIF instead).");
    }

    [Fact]
    public void Parse_LeadingComma_ReportsUnexpectedToken()
    {
        // Act
        var error = ParseError(", [a]");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnexpectedToken);
        error.Position.ShouldBe(new TextPosition(0, 1, 1));
        error.Message.ShouldBe("Syntax error (column 1): unexpected ',', expected a function, an attribute in [brackets], a \"string\" or a number.");
    }

    [Fact]
    public void Parse_EmptyExpression_ReportsEmptyExpressionAtColumnOne()
    {
        // Act
        var error = ParseError(string.Empty);

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.EmptyExpression);
        error.Position.ShouldBe(new TextPosition(0, 1, 1));
        error.Message.ShouldBe("Syntax error (column 1): the expression is empty, expected a function, an attribute in [brackets] or a \"string\".");
    }

    [Fact]
    public void Parse_OnlyWhitespace_ReportsEmptyExpressionAtEnd()
    {
        // Act
        var error = ParseError(" \n\t ");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.EmptyExpression);
        error.Position.ShouldBe(new TextPosition(4, 2, 3));
    }

    [Fact]
    public void Parse_ExpressionOverMaximumLength_ReportsTooLongAtLimit()
    {
        // Arrange
        var text = "\"" + new string('a', ExpressionParser.MaximumLength - 1) + "\"";

        // Act
        var error = ParseError(text);

        // Assert
        text.Length.ShouldBe(10_001);
        error.Code.ShouldBe(ExpressionErrorCodes.ExpressionTooLong);
        error.Position.ShouldBe(new TextPosition(10_000, 1, 10_001));
        error.Message.ShouldBe("Syntax error (column 10001): the expression is 10001 characters long; Entra accepts at most 10000.");
    }

    [Fact]
    public void Parse_UnexpectedCharacter_ReportsCharacterAndColumn()
    {
        // Act
        var error = ParseError("Join(\",\", @mail)");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnexpectedCharacter);
        error.Position.ShouldBe(new TextPosition(10, 1, 11));
        error.Message.ShouldBe(
            "Syntax error (column 11): unexpected character '@', expected a function, an attribute in [brackets], a \"string\" or a number.");
    }

    [Fact]
    public void Parse_AmpersandConcatenation_ReportsUnexpectedCharacter()
    {
        // Arrange: '&' concatenation is Cloud Sync's, not app provisioning's (reference A.1)
        const string text = "IIF([employeeType]=\"Intern\",\"t-\" & [alias],[alias])";

        // Act
        var error = ParseError(text);

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnexpectedCharacter);
        error.Position.ShouldBe(new TextPosition(33, 1, 34));
    }

    [Fact]
    public void Parse_HexPrefixWithoutDigits_ReportsInvalidNumber()
    {
        // Act
        var error = ParseError("BitAnd(&H, 1)");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.InvalidNumber);
        error.Position.ShouldBe(new TextPosition(7, 1, 8));
        error.Message.ShouldBe("Syntax error (column 8): '&H' must be followed by 1 to 16 hexadecimal digits.");
    }

    [Fact]
    public void Parse_IntegerBeyondInt64_ReportsInvalidNumber()
    {
        // Act
        var error = ParseError("Len(9223372036854775808)");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.InvalidNumber);
        error.Position.ShouldBe(new TextPosition(4, 1, 5));
        error.Message.ShouldBe("Syntax error (column 5): the number 9223372036854775808 does not fit in a 64-bit integer.");
    }

    [Fact]
    public void Parse_NestedTooDeep_ReportsColumnOfTooDeepCall()
    {
        // Arrange: 65 nested calls; the 65th starts at offset 64 * 4
        var text = string.Concat(Enumerable.Repeat("Not(", ExpressionParser.MaximumDepth + 1)) + "\"True\""
            + new string(')', ExpressionParser.MaximumDepth + 1);

        // Act
        var error = ParseError(text);

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnexpectedToken);
        error.Position.ShouldBe(new TextPosition(256, 1, 257));
        error.Message.ShouldBe("Syntax error (column 257): functions are nested more than 64 deep.");
    }

    [Fact]
    public void Parse_HugelyNested_ReturnsErrorWithoutOverflowingStack()
    {
        // Arrange
        var text = string.Concat(Enumerable.Repeat("Not(", 2_400));

        // Act
        var error = ParseError(text);

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnexpectedToken);
        error.Position.Offset.ShouldBe(256);
    }

    // ---- Round trips of decimal literals written as the grammar allows ----

    [Theory]
    [InlineData("Len(5.0)")]
    [InlineData("Len(0.000001)")]
    [InlineData("Len(123456789012345678.5)")]
    public void Print_ParsedDecimal_ParsesBackToSameTree(string text)
    {
        // Arrange
        var tree = ParseTree(text);

        // Act
        var printed = ExpressionPrinter.Print(tree);
        var reparsed = ExpressionParser.Parse(printed);

        // Assert
        reparsed.Error.ShouldBeNull($"printed as {printed}");
        reparsed.Tree!.SyntaxEquals(tree).ShouldBeTrue($"printed as {printed}, reparsed as {reparsed.Tree}");
    }

    // ---- Helpers ----

    private static ExpressionNode ParseTree(string text)
    {
        var result = ExpressionParser.Parse(text);
        result.Error.ShouldBeNull();
        return result.Tree!;
    }

    private static ExpressionError ParseError(string text)
    {
        var result = ExpressionParser.Parse(text);
        result.Tree.ShouldBeNull();
        return result.Error.ShouldNotBeNull();
    }

    private static void ShouldEqual(ExpressionNode actual, ExpressionNode expected) =>
        actual.SyntaxEquals(expected).ShouldBeTrue($"expected {expected} but parsed {actual}");

    private static FunctionCall Call(string name, params ExpressionNode[] arguments) => new(name, arguments);

    private static AttributeReference Attribute(string name) => new(name);

    private static StringLiteral Str(string value) => new(value);

    private static NumberLiteral Int(long value) => new(value);

    private static NumberLiteral Hex(long value) => new(value, isHexadecimal: true);

    private static OmittedArgument Omitted() => new();
}
