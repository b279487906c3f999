using Provisio.Expressions.Evaluation;
using Provisio.Synchronization.Scoping;
using static Provisio.Synchronization.Tests.Scoping.Scoping;

namespace Provisio.Synchronization.Tests.Scoping;

/// <summary>Each operator on a matching value, a failing value, null, empty, multi-valued, and an invalid rule (reference §4.2).</summary>
public sealed class FilterOperatorBehaviourTests
{
    [Theory]
    [InlineData("sales", ClauseOutcome.Satisfied)]
    [InlineData("Sales", ClauseOutcome.NotSatisfied)] // case sensitive: "department EQUALS sales" (S4)
    [InlineData("sales ", ClauseOutcome.NotSatisfied)]
    [InlineData("", ClauseOutcome.NullOrEmpty)]
    [InlineData(null, ClauseOutcome.NullOrEmpty)]
    public void Equals_Department_IsExactAndCaseSensitive(string? department, ClauseOutcome expected)
    {
        Judge("department", Text(department), "EQUALS", "sales").Outcome.ShouldBe(expected);
    }

    [Fact]
    public void Equals_BooleanAttribute_ComparesAsBoolean()
    {
        // G-filter's example: dirSyncEnabled EQUALS True
        Judge("dirSyncEnabled", ExpressionValue.True, "EQUALS", "True").Outcome.ShouldBe(ClauseOutcome.Satisfied);
        Judge("dirSyncEnabled", ExpressionValue.True, "EQUALS", "true").Outcome.ShouldBe(ClauseOutcome.Satisfied);
        Judge("dirSyncEnabled", ExpressionValue.False, "EQUALS", "True").Outcome.ShouldBe(ClauseOutcome.NotSatisfied);
    }

    [Fact]
    public void Equals_IntegerAttribute_ComparesItsText()
    {
        Judge("employeeNumber", ExpressionValue.From(42), "EQUALS", "42").Outcome.ShouldBe(ClauseOutcome.Satisfied);
        Judge("employeeNumber", ExpressionValue.From(42), "EQUALS", "042").Outcome.ShouldBe(ClauseOutcome.NotSatisfied);
    }

    [Theory]
    [InlineData("Support", ClauseOutcome.Satisfied)]
    [InlineData("sales", ClauseOutcome.Satisfied)]
    [InlineData("Sales", ClauseOutcome.NotSatisfied)]
    [InlineData(null, ClauseOutcome.NullOrEmpty)] // not "true because null is not Sales": every clause is false on null
    public void NotEquals_Department_IsCaseSensitiveAndFalseOnNull(string? department, ClauseOutcome expected)
    {
        Judge("department", Text(department), "NOT EQUALS", "Sales").Outcome.ShouldBe(expected);
    }

    [Theory]
    [InlineData("alice@contoso.com", ClauseOutcome.Satisfied)]
    [InlineData("alice@CONTOSO.com", ClauseOutcome.NotSatisfied)]
    [InlineData("alice@contoso.com.evil", ClauseOutcome.NotSatisfied)]
    [InlineData(null, ClauseOutcome.NullOrEmpty)]
    public void EndsWith_Mail_IsCaseSensitive(string? mail, ClauseOutcome expected)
    {
        Judge("mail", Text(mail), "ENDS_WITH", "@contoso.com").Outcome.ShouldBe(expected);
    }

    [Theory]
    [InlineData("Software Engineering", ClauseOutcome.Satisfied)]
    [InlineData("Engineering", ClauseOutcome.Satisfied)]
    [InlineData("engineering", ClauseOutcome.NotSatisfied)]
    [InlineData("Sales", ClauseOutcome.NotSatisfied)]
    [InlineData(null, ClauseOutcome.NullOrEmpty)]
    public void Includes_Department_IsStringContains(string? department, ClauseOutcome expected)
    {
        Judge("department", Text(department), "Includes", "Engineering").Outcome.ShouldBe(expected);
    }

    [Theory]
    [InlineData("Sales", ClauseOutcome.Satisfied)]
    [InlineData("Marketing", ClauseOutcome.Satisfied)]
    [InlineData("Support", ClauseOutcome.NotSatisfied)]
    [InlineData("sales", ClauseOutcome.NotSatisfied)]
    [InlineData("Sales,Marketing,Legal", ClauseOutcome.NotSatisfied)]
    [InlineData(null, ClauseOutcome.NullOrEmpty)]
    public void ExistsIn_Department_IsFoundInTheClauseValue(string? department, ClauseOutcome expected)
    {
        Judge("department", Text(department), "&", "Sales,Marketing").Outcome.ShouldBe(expected);
    }

    [Theory]
    [InlineData("Support", ClauseOutcome.Satisfied)]
    [InlineData("Sales", ClauseOutcome.NotSatisfied)]
    [InlineData(null, ClauseOutcome.NullOrEmpty)]
    public void DoesNotExistIn_Department_IsNotFoundInTheClauseValue(string? department, ClauseOutcome expected)
    {
        Judge("department", Text(department), "!&", "Sales,Marketing").Outcome.ShouldBe(expected);
    }

    [Theory]
    [InlineData("1500000", ClauseOutcome.Satisfied)]
    [InlineData("1000001", ClauseOutcome.Satisfied)]
    [InlineData("1000000", ClauseOutcome.NotSatisfied)]
    [InlineData("999999", ClauseOutcome.NotSatisfied)]
    [InlineData("-5", ClauseOutcome.NotSatisfied)]
    [InlineData("E1500000", ClauseOutcome.NotAnInteger)]
    [InlineData("1.5e6", ClauseOutcome.NotAnInteger)]
    [InlineData(null, ClauseOutcome.NullOrEmpty)]
    public void GreaterThan_EmployeeId_ComparesIntegers(string? employeeId, ClauseOutcome expected)
    {
        Judge("employeeId", Text(employeeId), "Greater_Than", "1000000").Outcome.ShouldBe(expected);
    }

    [Fact]
    public void GreaterThan_IntegerAttribute_ComparesNumbersNotText()
    {
        Judge("level", ExpressionValue.From(10), "Greater_Than", "9").Outcome.ShouldBe(ClauseOutcome.Satisfied);
        Judge("level", ExpressionValue.True, "Greater_Than", "0").Outcome.ShouldBe(ClauseOutcome.NotAnInteger);
    }

    [Theory]
    [InlineData("1000000", ClauseOutcome.Satisfied)]
    [InlineData("2000000", ClauseOutcome.Satisfied)]
    [InlineData("999999", ClauseOutcome.NotSatisfied)]
    [InlineData("n/a", ClauseOutcome.NotAnInteger)]
    [InlineData("", ClauseOutcome.NullOrEmpty)]
    public void GreaterThanOrEquals_EmployeeId_ComparesIntegers(string? employeeId, ClauseOutcome expected)
    {
        Judge("employeeId", Text(employeeId), "Greater_Than_OR_EQUALS", "1000000").Outcome.ShouldBe(expected);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1,000,000")]
    [InlineData("ten")]
    [InlineData("99999999999999999999")]
    public void GreaterThan_NonIntegerRule_IsAnInvalidRuleForEveryObject(string rule)
    {
        // S6: "avoid using the Greater_Than operator with a noninteger value"
        var result = Judge("employeeId", Text("1500000"), "Greater_Than", rule);

        result.Outcome.ShouldBe(ClauseOutcome.InvalidRule);
        result.Passed.ShouldBeFalse();
        result.Reason.ShouldBe($"Scoping filter 'Test', clause 1 (employeeId Greater_Than {rule}): Greater_Than compares integers, but '{rule}' is not an integer.");
    }

    [Fact]
    public void IsTrue_BooleanValues_PassOnlyTrue()
    {
        Judge("dirSyncEnabled", ExpressionValue.True, "IS TRUE").Outcome.ShouldBe(ClauseOutcome.Satisfied);
        Judge("dirSyncEnabled", Text("True"), "IS TRUE").Outcome.ShouldBe(ClauseOutcome.Satisfied);
        Judge("dirSyncEnabled", Text("false"), "IS TRUE").Outcome.ShouldBe(ClauseOutcome.NotSatisfied);
        Judge("dirSyncEnabled", ExpressionValue.False, "IS TRUE").Outcome.ShouldBe(ClauseOutcome.NotSatisfied);
        Judge("dirSyncEnabled", Text("yes"), "IS TRUE").Outcome.ShouldBe(ClauseOutcome.NotABoolean);
        Judge("dirSyncEnabled", ExpressionValue.Null, "IS TRUE").Outcome.ShouldBe(ClauseOutcome.NullOrEmpty);
    }

    [Fact]
    public void IsFalse_BooleanValues_PassOnlyFalseNotNull()
    {
        Judge("accountEnabled", ExpressionValue.False, "IS FALSE").Outcome.ShouldBe(ClauseOutcome.Satisfied);
        Judge("accountEnabled", Text("False"), "IS FALSE").Outcome.ShouldBe(ClauseOutcome.Satisfied);
        Judge("accountEnabled", ExpressionValue.True, "IS FALSE").Outcome.ShouldBe(ClauseOutcome.NotSatisfied);
        Judge("accountEnabled", ExpressionValue.From(0), "IS FALSE").Outcome.ShouldBe(ClauseOutcome.NotABoolean);
        Judge("accountEnabled", ExpressionValue.Null, "IS FALSE").Outcome.ShouldBe(ClauseOutcome.NullOrEmpty);
    }

    [Fact]
    public void IsNull_NullEmptyOrNoValues_Passes()
    {
        Judge("jobTitle", ExpressionValue.Null, "IS NULL").Outcome.ShouldBe(ClauseOutcome.Satisfied);
        Judge("jobTitle", Text(""), "IS NULL").Outcome.ShouldBe(ClauseOutcome.Satisfied);
        Judge("proxyAddresses", Many(), "IS NULL").Outcome.ShouldBe(ClauseOutcome.Satisfied);
        Judge("jobTitle", Text("Engineer"), "IS NULL").Outcome.ShouldBe(ClauseOutcome.NotSatisfied);
        Judge("jobTitle", Text(" "), "IS NULL").Outcome.ShouldBe(ClauseOutcome.NotSatisfied);
    }

    [Fact]
    public void IsNotNull_JobTitle_PassesOnlyWithAValue()
    {
        // S4's sample: "Their job title must not be null or empty."
        Judge("jobTitle", Text("Engineer"), "IS NOT NULL").Outcome.ShouldBe(ClauseOutcome.Satisfied);
        Judge("jobTitle", ExpressionValue.Null, "IS NOT NULL").Outcome.ShouldBe(ClauseOutcome.NullOrEmpty);
        Judge("jobTitle", Text(""), "IS NOT NULL").Outcome.ShouldBe(ClauseOutcome.NullOrEmpty);
    }

    [Theory]
    [InlineData("alice@domain.com", ClauseOutcome.Satisfied)]
    [InlineData("alice@domainXcom", ClauseOutcome.Satisfied)] // the documented pattern's '.' is any character
    [InlineData("alice@DOMAIN.COM", ClauseOutcome.NotSatisfied)] // case sensitive
    [InlineData("alice@contoso.com", ClauseOutcome.NotSatisfied)]
    [InlineData(null, ClauseOutcome.NullOrEmpty)]
    public void RegexMatch_DocumentedUpnPattern_MatchesTheDomain(string? upn, ClauseOutcome expected)
    {
        // S4: userPrincipalName REGEX MATCH .*\@domain.com
        Judge("userPrincipalName", Text(upn), "REGEX MATCH", @".*\@domain.com").Outcome.ShouldBe(expected);
    }

    [Theory]
    [InlineData("1000000", ClauseOutcome.Satisfied)]
    [InlineData("1999999", ClauseOutcome.Satisfied)]
    [InlineData("2000000", ClauseOutcome.NotSatisfied)]
    [InlineData("999999", ClauseOutcome.NotSatisfied)]
    [InlineData("11000000", ClauseOutcome.Satisfied)] // unanchored, as documented: anchor with ^…$ for whole values
    public void RegexMatch_DocumentedWorkerIdPattern_SearchesTheValue(string workerId, ClauseOutcome expected)
    {
        // S4: workerID REGEX MATCH (1[0-9][0-9][0-9][0-9][0-9][0-9])
        Judge("workerID", Text(workerId), "REGEX MATCH", "(1[0-9][0-9][0-9][0-9][0-9][0-9])").Outcome.ShouldBe(expected);
    }

    [Fact]
    public void RegexMatch_IntegerAttribute_MatchesItsText()
    {
        Judge("level", ExpressionValue.From(42), "REGEX MATCH", "^([1-9][0-9])$").Outcome.ShouldBe(ClauseOutcome.Satisfied);
        Judge("level", ExpressionValue.From(142), "REGEX MATCH", "^([1-9][0-9])$").Outcome.ShouldBe(ClauseOutcome.NotSatisfied);
    }

    [Theory]
    [InlineData("alice@contoso.com", ClauseOutcome.Satisfied)]
    [InlineData("alice@domain.com", ClauseOutcome.NotSatisfied)]
    [InlineData("", ClauseOutcome.NullOrEmpty)] // "It returns "false" if the attribute is null / empty" (S4)
    [InlineData(null, ClauseOutcome.NullOrEmpty)]
    public void NotRegexMatch_NullOrEmpty_IsFalse(string? upn, ClauseOutcome expected)
    {
        Judge("userPrincipalName", Text(upn), "NOT REGEX MATCH", @".*\@domain.com").Outcome.ShouldBe(expected);
    }

    [Fact]
    public void RegexMatch_CatastrophicPattern_TimesOutAsAFailedClause()
    {
        var result = Judge("displayName", Text(new string('a', 40) + "!"), "REGEX MATCH", "^(a+)+$");

        result.Outcome.ShouldBe(ClauseOutcome.RegexTimeout);
        result.Passed.ShouldBeFalse();
        result.Reason.ShouldStartWith("REGEX MATCH \"^(a+)+$\" took longer than 1 s on displayName \"aaaa");
    }

    [Theory]
    [InlineData("EQUALS", "x")]
    [InlineData("NOT EQUALS", "x")]
    [InlineData("ENDS_WITH", "x")]
    [InlineData("Includes", "x")]
    [InlineData("&", "x")]
    [InlineData("!&", "x")]
    [InlineData("Greater_Than", "1")]
    [InlineData("Greater_Than_OR_EQUALS", "1")]
    [InlineData("REGEX MATCH", ".*")]
    [InlineData("NOT REGEX MATCH", "y")]
    [InlineData("IS TRUE", null)]
    [InlineData("IS FALSE", null)]
    [InlineData("IS NULL", null)]
    [InlineData("IS NOT NULL", null)]
    public void AnyOperator_MultiValuedAttribute_IsNotSupported(string operatorName, string? value)
    {
        // S4: "Filtering is not supported for multi-valued attributes."
        var result = Judge("proxyAddresses", Many("x", "SMTP:x@contoso.com"), operatorName, value is null ? [] : [value]);

        result.Outcome.ShouldBe(ClauseOutcome.MultiValued);
        result.Passed.ShouldBeFalse();
    }

    [Fact]
    public void AnyOperator_MultiValuedAttributeWithOneValue_IsStillNotSupported()
    {
        Judge("proxyAddresses", Many("x"), "EQUALS", "x").Outcome.ShouldBe(ClauseOutcome.MultiValued);
        Judge("appRoles", ExpressionValue.From([new AppRoleAssignment(null, "Admin", "Admin")]), "IS NOT NULL").Outcome
            .ShouldBe(ClauseOutcome.MultiValued);
    }

    [Fact]
    public void AnyOperator_DateAttribute_IsNotSupported()
    {
        // S9: date-type attributes "aren't supported as scoping filters"
        var hired = ExpressionValue.From(new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc));

        Judge("employeeHireDate", hired, "IS NOT NULL").Outcome.ShouldBe(ClauseOutcome.UnsupportedAttributeType);
        Judge("employeeHireDate", hired, "EQUALS", "5/1/2024 12:00:00 AM").Outcome.ShouldBe(ClauseOutcome.UnsupportedAttributeType);
    }

    [Theory]
    [InlineData("EQUALS")]
    [InlineData("REGEX MATCH")]
    [InlineData("Includes")]
    public void BinaryOperator_NoValue_IsAnInvalidRule(string operatorName)
    {
        Judge("department", Text("Sales"), operatorName).Outcome.ShouldBe(ClauseOutcome.InvalidRule);
    }

    [Fact]
    public void UnaryOperator_BlankValue_IsIgnored()
    {
        Judge("jobTitle", Text("Engineer"), "IS NOT NULL", "").Outcome.ShouldBe(ClauseOutcome.Satisfied);
    }

    [Fact]
    public void UnaryOperator_RealValue_IsAnInvalidRule()
    {
        Judge("dirSyncEnabled", ExpressionValue.True, "IS TRUE", "True").Outcome.ShouldBe(ClauseOutcome.InvalidRule);
    }

    [Fact]
    public void UnknownOperator_IsAnInvalidRule()
    {
        Judge("department", Text("Sales"), "CONTAINS", "Sales").Outcome.ShouldBe(ClauseOutcome.InvalidRule);
    }

    [Fact]
    public void UnderscoreSpelling_EvaluatesAsThePortalName()
    {
        var result = Judge("department", Text("Support"), "not_equals", "Sales");

        result.Outcome.ShouldBe(ClauseOutcome.Satisfied);
        result.OperatorName.ShouldBe("NOT EQUALS");
    }

    [Theory]
    [InlineData("manager")]
    [InlineData("userType")]
    [InlineData("appRoleAssignments")]
    [InlineData("IsMemberOf")]
    [InlineData("members")]
    public void UnsupportedAttribute_IsAnInvalidRule(string attribute)
    {
        // S4 (IsMemberOf, members) and S9 (appRoleAssignments, userType, manager)
        Judge(attribute, Text("x"), "IS NOT NULL").Outcome.ShouldBe(ClauseOutcome.InvalidRule);
    }
}
