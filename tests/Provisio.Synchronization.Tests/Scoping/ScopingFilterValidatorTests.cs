using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Scoping;
using static Provisio.Synchronization.Tests.Scoping.Scoping;

namespace Provisio.Synchronization.Tests.Scoping;

public sealed class ScopingFilterValidatorTests
{
    private static readonly ObjectDefinition User = new()
    {
        Name = "User",
        Attributes =
        [
            new() { Name = "department" },
            new() { Name = "employeeId" },
            new() { Name = "proxyAddresses", Multivalued = true },
            new() { Name = "employeeHireDate", Type = AttributeType.DateTime },
            new() { Name = "sponsor", Type = AttributeType.Reference },
            new() { Name = "accountEnabled", Type = AttributeType.Boolean },
        ],
    };

    private static ScopingFilterError Single(params FilterClause[] clauses) =>
        ScopingFilterValidator.Validate(Filter(Group("Sales", clauses)), User).ShouldHaveSingleItem();

    [Fact]
    public void Validate_ValidFilter_HasNoErrors()
    {
        var filter = Filter(
            Group("Sales", Clause("department", "EQUALS", "Sales"), Clause("employeeId", "Greater_Than", "1000000")),
            Group("Enabled", Clause("accountEnabled", "IS TRUE"), Clause("department", "REGEX MATCH", "^S.*$")));

        ScopingFilterValidator.Validate(filter, User).ShouldBeEmpty();
        ScopingFilterValidator.Validate(null).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_UnknownOperator_ListsTheOperators()
    {
        var error = Single(Clause("department", "CONTAINS", "Sales"));

        error.Code.ShouldBe(ScopingFilterErrorCodes.UnknownOperator);
        error.Message.ShouldBe("Scoping filter 'Sales', clause 1 (department CONTAINS Sales): 'CONTAINS' is not a scoping filter operator; " +
            "use one of &, !&, ENDS_WITH, EQUALS, Greater_Than, Greater_Than_OR_EQUALS, Includes, IS FALSE, IS NOT NULL, IS NULL, " +
            "IS TRUE, NOT EQUALS, NOT REGEX MATCH, REGEX MATCH.");
    }

    [Fact]
    public void Validate_GreaterThanWithDecimal_NamesGroupAndClause()
    {
        var error = Single(Clause("department", "EQUALS", "Sales"), Clause("employeeId", "Greater_Than", "1.5"));

        error.Code.ShouldBe(ScopingFilterErrorCodes.NotAnInteger);
        error.GroupName.ShouldBe("Sales");
        error.GroupIndex.ShouldBe(0);
        error.ClauseIndex.ShouldBe(1);
        error.Message.ShouldBe("Scoping filter 'Sales', clause 2 (employeeId Greater_Than 1.5): Greater_Than compares integers, but '1.5' is not an integer.");
    }

    [Fact]
    public void Validate_BadRegex_ReportsNetsMessageAndOffset()
    {
        var error = Single(Clause("department", "REGEX MATCH", "(Sales|Support"));

        error.Code.ShouldBe(ScopingFilterErrorCodes.InvalidRegex);
        error.Position.ShouldBe(14);
        error.Message.ShouldBe("Scoping filter 'Sales', clause 1 (department REGEX MATCH (Sales|Support): REGEX MATCH takes a .NET regular " +
            "expression, but this one is not valid: Invalid pattern '(Sales|Support' at offset 14. Not enough )'s.");
    }

    [Fact]
    public void Validate_BadRegexInNotRegexMatch_ReportsItsOffset()
    {
        var error = Single(Clause("department", "NOT_REGEX_MATCH", "S[a-"));

        error.Code.ShouldBe(ScopingFilterErrorCodes.InvalidRegex);
        error.Position.ShouldBe(4);
        error.Message.ShouldStartWith("Scoping filter 'Sales', clause 1 (department NOT REGEX MATCH S[a-): NOT REGEX MATCH takes");
    }

    [Fact]
    public void Validate_Arity_BinaryNeedsOneValueUnaryNone()
    {
        Single(Clause("department", "EQUALS")).Message
            .ShouldBe("Scoping filter 'Sales', clause 1 (department EQUALS): EQUALS compares the attribute with a value, but the clause has none.");
        Single(Clause("department", "EQUALS", "")).Code.ShouldBe(ScopingFilterErrorCodes.MissingValue);
        Single(Clause("department", "EQUALS", "Sales", "Support")).Message
            .ShouldBe("Scoping filter 'Sales', clause 1 (department EQUALS Sales, Support): EQUALS takes one value, but the clause has 2.");
        Single(Clause("accountEnabled", "IS TRUE", "True")).Message
            .ShouldBe("Scoping filter 'Sales', clause 1 (accountEnabled IS TRUE True): IS TRUE takes no value, but the clause has 'True'.");
    }

    [Fact]
    public void Validate_MissingAttributeName_IsReported()
    {
        Single(Clause(" ", "IS NULL")).Code.ShouldBe(ScopingFilterErrorCodes.MissingSourceAttribute);
    }

    [Fact]
    public void Validate_WithObjectDefinition_ChecksTheAttribute()
    {
        Single(Clause("departmnt", "EQUALS", "Sales")).Message
            .ShouldBe("Scoping filter 'Sales', clause 1 (departmnt EQUALS Sales): 'departmnt' is not an attribute of User.");
        Single(Clause("proxyAddresses", "Includes", "smtp")).Message
            .ShouldBe("Scoping filter 'Sales', clause 1 (proxyAddresses Includes smtp): 'proxyAddresses' is multi-valued, and scoping filters don't support multi-valued attributes.");
        Single(Clause("employeeHireDate", "IS NOT NULL")).Code.ShouldBe(ScopingFilterErrorCodes.UnsupportedAttribute);
        Single(Clause("sponsor", "IS NOT NULL")).Code.ShouldBe(ScopingFilterErrorCodes.UnsupportedAttribute);
        ScopingFilterValidator.Validate(Filter(Group("Sales", Clause("DEPARTMENT", "EQUALS", "Sales"))), User).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_WithoutObjectDefinition_AcceptsAnyAttribute()
    {
        ScopingFilterValidator.Validate(Filter(Group("Sales", Clause("departmnt", "EQUALS", "Sales")))).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_EntrasUnsupportedAttributes_AreRefusedByName()
    {
        var error = ScopingFilterValidator.Validate(Filter(Group("Managed", Clause("manager", "IS NOT NULL")))).ShouldHaveSingleItem();

        error.Code.ShouldBe(ScopingFilterErrorCodes.UnsupportedAttribute);
        error.Message.ShouldBe("Scoping filter 'Managed', clause 1 (manager IS NOT NULL): Entra doesn't support 'manager' in scoping filters " +
            "(nor IsMemberOf, members, appRoleAssignments, userType, manager).");
    }

    [Fact]
    public void Validate_EveryGroupSet_IsChecked()
    {
        var filter = new Filter
        {
            Groups = [Group("Scope", Clause("department", "EQUALS", "Sales"), Clause("employeeId", "Greater_Than", "x"))],
            InputFilterGroups = [Group("Input", Clause("department", "LIKE", "S%"))],
            CategoryFilterGroups = [Group("Category", Clause("department", "IS NULL", "x"))],
        };

        var errors = ScopingFilterValidator.Validate(filter);

        errors.Select(error => (error.Collection, error.GroupName, error.Code)).ShouldBe(
        [
            (ScopingFilterCollections.Groups, "Scope", ScopingFilterErrorCodes.NotAnInteger),
            (ScopingFilterCollections.InputFilterGroups, "Input", ScopingFilterErrorCodes.UnknownOperator),
            (ScopingFilterCollections.CategoryFilterGroups, "Category", ScopingFilterErrorCodes.UnexpectedValue),
        ]);
        errors[1].Message.ShouldStartWith("Input filter 'Input', clause 1 (department LIKE S%): ");
        errors[2].Message.ShouldStartWith("Category filter 'Category', clause 1 (department IS NULL x): ");
    }

    [Fact]
    public void Validate_SeveralBadClauses_ReportsEachOnceInOrder()
    {
        var filter = Filter(
            Group("A", Clause("department", "EQUALS"), Clause("employeeId", "Greater_Than", "x")),
            Group("B", Clause("department", "REGEX MATCH", "[")));

        ScopingFilterValidator.Validate(filter).Select(error => (error.GroupIndex, error.ClauseIndex, error.Code)).ShouldBe(
        [
            (0, 0, ScopingFilterErrorCodes.MissingValue),
            (0, 1, ScopingFilterErrorCodes.NotAnInteger),
            (1, 0, ScopingFilterErrorCodes.InvalidRegex),
        ]);
    }
}
