using Provisio.Expressions.Checking;
using Provisio.Expressions.Compilation;
using Provisio.Expressions.Evaluation;
using Provisio.Expressions.Syntax;

namespace Provisio.Expressions.Tests.Checking;

/// <summary>
/// The checks between parsing and compiling: known functions, argument counts, required arguments, known keywords and
/// each function's own rules (reference entra-expressions-and-scim A.1, A.3). Errors are values with code, position
/// and message.
/// </summary>
public sealed class ExpressionCheckerTests
{
    [Fact]
    public void Check_UnknownFunctionCloseToKnownOne_SuggestsIt()
    {
        // Act
        var error = CheckError("ToLowr([mail])");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnknownFunction);
        error.Position.ShouldBe(new TextPosition(0, 1, 1));
        error.Message.ShouldBe("Check error (column 1): unknown function 'ToLowr'; did you mean ToLower?");
    }

    [Fact]
    public void Check_NestedUnknownFunction_ReportsItsColumn()
    {
        // Act
        var error = CheckError("Join(\",\", Jion(\"-\", [a], [b]))");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnknownFunction);
        error.Position.ShouldBe(new TextPosition(10, 1, 11));
        error.Message.ShouldBe("Check error (column 11): unknown function 'Jion'; did you mean Join?");
    }

    [Fact]
    public void Check_UnknownFunctionFarFromAnyKnown_SuggestsNothing()
    {
        // Act
        var error = CheckError("Frobnicate([mail])");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnknownFunction);
        error.Message.ShouldBe("Check error (column 1): unknown function 'Frobnicate'.");
    }

    [Fact]
    public void Compile_LowerCaseSwitch_Compiles()
    {
        // Arrange: the doc itself writes switch(...) in lower case (reference A.1)
        const string text = "switch([companyName], \"Other\", \"Contoso\", \"C\", \"Fabrikam\", \"F\")";

        // Act
        var result = ExpressionCompiler.Compile(text);

        // Assert
        result.Error.ShouldBeNull();
        Evaluate(result.Expression!, ("companyName", "Fabrikam")).ShouldBe("F");
    }

    [Fact]
    public void Compile_UpperCaseJoin_Compiles()
    {
        // Act
        var result = ExpressionCompiler.Compile("JOIN(\", \", [surname], [givenName])");

        // Assert
        result.Error.ShouldBeNull();
        Evaluate(result.Expression!, ("surname", "Doe"), ("givenName", "John")).ShouldBe("Doe, John");
    }

    [Fact]
    public void Compile_MixedCaseKeyword_Compiles()
    {
        // Act
        var result = ExpressionCompiler.Compile("InStr(\"repEated\", \"E\", 1, VBTEXTCOMPARE)");

        // Assert
        result.Error.ShouldBeNull();
    }

    [Fact]
    public void Check_LeftWithOneArgument_ReportsWrongArgumentCount()
    {
        // Act
        var error = CheckError("Left(\"a\")");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.WrongArgumentCount);
        error.Position.ShouldBe(new TextPosition(0, 1, 1));
        error.Message.ShouldBe("Check error (column 1): Left takes 2 argument(s) but got 1: Left(String, NumChars).");
    }

    [Fact]
    public void Check_IifWithTwoArguments_ReportsWrongArgumentCount()
    {
        // Act
        var error = CheckError("IIF(1,2)");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.WrongArgumentCount);
        error.Position.ShouldBe(new TextPosition(0, 1, 1));
        error.Message.ShouldBe("Check error (column 1): IIF takes 3 argument(s) but got 2: IIF(condition, valueIfTrue, valueIfFalse).");
    }

    [Fact]
    public void Check_ZeroArgumentFunctionWithArgument_ReportsWrongArgumentCount()
    {
        // Act
        var error = CheckError("Join(\",\", Guid(\"x\"))");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.WrongArgumentCount);
        error.Position.ShouldBe(new TextPosition(10, 1, 11));
        error.Message.ShouldBe("Check error (column 11): Guid takes 0 argument(s) but got 1: Guid().");
    }

    [Fact]
    public void Check_OptionalArgumentsRange_IsNamedInMessage()
    {
        // Act
        var error = CheckError("Replace()");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.WrongArgumentCount);
        error.Message.ShouldBe(
            "Check error (column 1): Replace takes 1 to 7 argument(s) but got 0: Replace(source, Find, RegexPattern, RegexGroupName, Replacement, ReplacementAttributeName, Template).");
    }

    [Fact]
    public void Check_SwitchWithOddArgumentCount_ReportsKeyWithoutValue()
    {
        // Act
        var error = CheckError("Switch([a], \"d\", \"k1\", \"v1\", \"k2\")");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.WrongArgumentCount);
        error.Position.ShouldBe(new TextPosition(0, 1, 1));
        error.Message.ShouldBe(
            "Check error (column 1): Switch expects an even number of arguments (source, default, then key and value pairs) but got 5; a key has no value.");
    }

    [Fact]
    public void Check_SwitchWithOmittedDefault_IsValid()
    {
        // Act
        var error = Check("Switch([Active], , \"1\", \"True\", \"0\", \"False\")");

        // Assert
        error.ShouldBeNull();
    }

    [Fact]
    public void Check_RequiredArgumentOmitted_ReportsMissingArgumentAtItsPlace()
    {
        // Act
        var error = CheckError("Left(, 3)");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.MissingArgument);
        error.Position.ShouldBe(new TextPosition(5, 1, 6));
        error.Message.ShouldBe("Check error (column 6): Left needs a value for 'String' here: Left(String, NumChars).");
    }

    [Fact]
    public void Check_RequiredTrailingArgumentOmitted_ReportsMissingArgument()
    {
        // Act
        var error = CheckError("Mid([a], 1, )");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.MissingArgument);
        error.Position.ShouldBe(new TextPosition(12, 1, 13));
        error.Message.ShouldBe("Check error (column 13): Mid needs a value for 'length' here: Mid(source, start, length).");
    }

    [Fact]
    public void Check_UnknownBareIdentifier_SuggestsAttributeInBrackets()
    {
        // Act
        var error = CheckError("mail");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnknownIdentifier);
        error.Position.ShouldBe(new TextPosition(0, 1, 1));
        error.Message.ShouldBe(
            "Check error (column 1): unknown identifier 'mail'; attributes are written in brackets, [mail], and functions with parentheses.");
    }

    [Fact]
    public void Check_UnknownBareIdentifierAsArgument_ReportsItsColumn()
    {
        // Act
        var error = CheckError("Join(\"@\", mail, \"contoso.com\")");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnknownIdentifier);
        error.Position.ShouldBe(new TextPosition(10, 1, 11));
    }

    [Fact]
    public void Check_FunctionNameWithoutParentheses_AsksForParentheses()
    {
        // Act
        var error = CheckError("Join(\",\", Guid)");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.UnexpectedToken);
        error.Position.ShouldBe(new TextPosition(10, 1, 11));
        error.Message.ShouldBe("Check error (column 11): function Guid needs parentheses: Guid().");
    }

    [Fact]
    public void Check_IgnoreFlowIfNullOrEmptyAsIifCondition_ReportsFlowControlInCondition()
    {
        // Act
        var error = CheckError("IIF(IgnoreFlowIfNullOrEmpty([country]),[country],\"Other\")");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.FlowControlInCondition);
        error.Position.ShouldBe(new TextPosition(4, 1, 5));
        error.Message.ShouldBe(
            "Check error (column 5): IgnoreFlowIfNullOrEmpty is a flow-control wrapper, not a condition; wrap the whole IIF in it instead.");
    }

    [Fact]
    public void Check_FlowKeywordInIifCondition_ReportsFlowControlInCondition()
    {
        // Act
        var error = CheckError("IIF([a] = IgnoreObjectFlow, \"y\", \"n\")");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.FlowControlInCondition);
        error.Position.ShouldBe(new TextPosition(10, 1, 11));
    }

    [Fact]
    public void Check_IgnoreFlowIfNullOrEmptyAroundIif_IsValid()
    {
        // Act
        var error = Check("IgnoreFlowIfNullOrEmpty(IIF([country]=\"USA\",[country],\"Other\"))");

        // Assert
        error.ShouldBeNull();
    }

    [Fact]
    public void Check_SelectUniqueValueInsideJoin_ReportsNotAtTopLevel()
    {
        // Act
        var error = CheckError("Join(\",\", SelectUniqueValue([a], [b]))");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.NotAtTopLevel);
        error.Position.ShouldBe(new TextPosition(10, 1, 11));
        error.Message.ShouldBe(
            "Check error (column 11): SelectUniqueValue must be the whole expression, not an argument of another function.");
    }

    [Fact]
    public void Check_SelectUniqueValueAtTopLevel_IsValid()
    {
        // Act
        var error = Check("SelectUniqueValue(Join(\"@\", [givenName], \"contoso.com\"), Join(\"@\", [surname], \"contoso.com\"))");

        // Assert
        error.ShouldBeNull();
    }

    [Fact]
    public void Check_InvalidConstantRegexInReplace_ReportsInvalidRegexAtPattern()
    {
        // Act
        var error = CheckError("Replace([a], , \"(abc\", , \"x\", , )");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.InvalidRegex);
        error.Position.ShouldBe(new TextPosition(15, 1, 16));
        error.Message.ShouldStartWith("Check error (column 16): the regular expression is not valid: ");
        error.Message.ShouldContain("(abc");
    }

    [Fact]
    public void Check_InvalidRegexOnSecondLine_ReportsLineAndColumn()
    {
        // Act
        var error = CheckError("Replace([a], ,\n   \"[a-\", , \"x\", , )");

        // Assert
        error.Code.ShouldBe(ExpressionErrorCodes.InvalidRegex);
        error.Position.ShouldBe(new TextPosition(18, 2, 4));
    }

    [Fact]
    public void Check_ValidRegexWithKeptBackslash_IsValid()
    {
        // Act
        var error = Check("Replace([telephoneNumber], , \"\\+(?<isdCode>49|44)\", , \"\", , )");

        // Assert
        error.ShouldBeNull();
    }

    [Fact]
    public void Check_TreeBuiltInCode_UsesSameRules()
    {
        // Arrange
        var tree = new FunctionCall("Left", [new StringLiteral("a")]);

        // Act
        var error = ExpressionChecker.Check(tree);

        // Assert
        error.ShouldNotBeNull().Code.ShouldBe(ExpressionErrorCodes.WrongArgumentCount);
    }

    [Fact]
    public void Compile_CheckError_ComesBackAsValue()
    {
        // Act
        var result = ExpressionCompiler.Compile("Left(\"a\")");

        // Assert
        result.Succeeded.ShouldBeFalse();
        result.Expression.ShouldBeNull();
        result.Error!.Code.ShouldBe(ExpressionErrorCodes.WrongArgumentCount);
    }

    private static ExpressionError? Check(string text)
    {
        var parsed = ExpressionParser.Parse(text);
        parsed.Error.ShouldBeNull();
        return ExpressionChecker.Check(parsed.Tree!);
    }

    private static ExpressionError CheckError(string text)
    {
        var error = Check(text).ShouldNotBeNull();
        var compiled = ExpressionCompiler.Compile(text);
        compiled.Error.ShouldBe(error);
        return error;
    }

    private static string? Evaluate(CompiledExpression expression, params (string Name, string Value)[] attributes)
    {
        var bag = new AttributeBag();
        foreach (var (name, value) in attributes)
        {
            bag.Set(name, value);
        }

        var result = expression.Evaluate(bag);
        result.Error.ShouldBeNull();
        return result.Value.AsString();
    }
}
