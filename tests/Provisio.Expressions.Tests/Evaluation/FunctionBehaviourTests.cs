using System.Text.RegularExpressions;
using Provisio.Expressions.Evaluation;

namespace Provisio.Expressions.Tests.Evaluation;

/// <summary>
/// The A.3 examples whose output is random, time-dependent or needs target state (marked D in the reference), and
/// the classified evaluation errors.
/// </summary>
public sealed partial class FunctionBehaviourTests
{
    [Fact]
    public void Guid_NoArguments_ReturnsLowerCaseHyphenatedGuidEachTimeNew()
    {
        var compiled = Evaluate.Compiled("Guid()");
        var first = compiled.Evaluate(AttributeBag.Empty).Value.AsString()!;
        var second = compiled.Evaluate(AttributeBag.Empty).Value.AsString()!;

        GuidShape().IsMatch(first).ShouldBeTrue(first);
        second.ShouldNotBe(first);
        compiled.IsVolatile.ShouldBeTrue();
    }

    [Fact]
    public void Guid_FixedRandomSource_TheSameGuidEveryEvaluationTracedOrNot()
    {
        // A property test found traced and plain evaluations of IIF(IsPresent(vbBinaryCompare) < Guid(), ...) taking
        // different branches: Guid() ignored the environment's random source that tests fix.
        var environment = new ExpressionEnvironment { RandomInt32 = maximum => maximum / 3 };
        var compiled = Evaluate.Compiled("Join(\"|\", IIF(\"5\" < Guid(), \"after\", \"before\"), Guid())");

        var plain = compiled.Evaluate(AttributeBag.Empty, environment).Value.AsString()!;
        var traced = compiled.Evaluate(AttributeBag.Empty, environment, new ExpressionTrace()).Value.AsString()!;

        traced.ShouldBe(plain);
        plain.ShouldBe("after|55555555-5555-5555-5555-555555555555");
    }

    [Fact]
    public void RandomString_Rs1_SixCharactersThreeDigitsThreeLower()
    {
        for (var i = 0; i < 50; i++)
        {
            var value = Evaluate.Text("RandomString(6,3,0,0,3)")!;
            value.Length.ShouldBe(6);
            value.Count(char.IsAsciiDigit).ShouldBeGreaterThanOrEqualTo(3);
            value.Count(char.IsAsciiLetterLower).ShouldBeGreaterThanOrEqualTo(3);
        }
    }

    [Fact]
    public void RandomString_Rs2_MeetsEveryMinimumAndAvoidsCharacters()
    {
        for (var i = 0; i < 200; i++)
        {
            var value = Evaluate.Text("RandomString(10,2,2,2,1,\"?,\")")!;
            value.Length.ShouldBe(10);
            value.Count(char.IsAsciiDigit).ShouldBeGreaterThanOrEqualTo(2);
            value.Count(char.IsAsciiLetterUpper).ShouldBeGreaterThanOrEqualTo(2);
            value.Count(char.IsAsciiLetterLower).ShouldBeGreaterThanOrEqualTo(1);
            value.Count(c => !char.IsAsciiLetterOrDigit(c)).ShouldBeGreaterThanOrEqualTo(2);
            value.ShouldNotContain('?');
            value.ShouldNotContain(',');
        }
    }

    [Fact]
    public void RandomString_LengthBelowMinimums_FailsWithInvalidArgument() =>
        Evaluate.Error("RandomString(3,2,2,0,0)").Code.ShouldBe(ExpressionErrorCodes.InvalidArgument);

    [Fact]
    public void RandomString_LengthOver256_FailsWithInvalidArgument() =>
        Evaluate.Error("RandomString(257,0,0,0,0)").Code.ShouldBe(ExpressionErrorCodes.InvalidArgument);

    [Theory]
    [InlineData("Redact([userPrincipalName])", "ana@contoso.com")]
    [InlineData("Redact(\"StringToBeRedacted\")", "StringToBeRedacted")]
    public void Redact_Red1Red2_ValueFlowsUnchangedAndExpressionIsMarkedRedacted(string expression, string expected)
    {
        var compiled = Evaluate.Compiled(expression);
        compiled.IsRedacted.ShouldBeTrue();
        compiled.Evaluate(new AttributeBag().Set("userPrincipalName", "ana@contoso.com")).Value.AsString().ShouldBe(expected);
    }

    [Fact]
    public void Redact_Red3_RandomValueFlowsAndIsRedacted()
    {
        var compiled = Evaluate.Compiled("Redact(RandomString(6,3,0,0,3))");
        compiled.IsRedacted.ShouldBeTrue();
        compiled.Evaluate(AttributeBag.Empty).Value.AsString()!.Length.ShouldBe(6);
    }

    [Fact]
    public void Redact_NotUsed_ExpressionIsNotRedacted() =>
        Evaluate.Compiled("Join(\" \", [givenName], [surname])").IsRedacted.ShouldBeFalse();

    [Fact]
    public void Now_Now1_ReadsTheEnvironmentClockAsEntraFormatsIt()
    {
        var environment = ExpressionEnvironment.At(new DateTimeOffset(2021, 7, 2, 15, 33, 38, TimeSpan.Zero));
        Evaluate.Text("Now()", environment: environment).ShouldBe("7/2/2021 3:33:38 PM");
    }

    [Fact]
    public void Now_ClockWithOffset_ReturnsUtc()
    {
        var environment = ExpressionEnvironment.At(new DateTimeOffset(2021, 7, 2, 17, 33, 38, TimeSpan.FromHours(2)));
        Evaluate.Text("Now()", environment: environment).ShouldBe("7/2/2021 3:33:38 PM");
    }

    [Fact]
    public void DefaultDomain_Ddom1_JoinsNicknameWithTenantDomain()
    {
        var environment = new ExpressionEnvironment { DefaultDomain = "contoso.com" };
        Evaluate.Text("Join(\"@\", [mailNickname], DefaultDomain())", new AttributeBag().Set("mailNickname", "ana"), environment)
            .ShouldBe("ana@contoso.com");
    }

    [Fact]
    public void DefaultDomain_NoneConfigured_FailsAsEntraDoes() =>
        Evaluate.Error("DefaultDomain()").Code.ShouldBe(ExpressionErrorCodes.DefaultDomainUnavailable);

    private const string Suv1 = """
            SelectUniqueValue( 
                Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com"), 
                Join("@", NormalizeDiacritics(StripSpaces(Join(".",  Mid([PreferredFirstName], 1, 1), [PreferredLastName]))), "contoso.com"),
                Join("@", NormalizeDiacritics(StripSpaces(Join(".",  Mid([PreferredFirstName], 1, 2), [PreferredLastName]))), "contoso.com")
            )
        """;

    [Theory]
    [InlineData(new string[0], "John.Smith@contoso.com")]
    [InlineData(new[] { "John.Smith@contoso.com" }, "J.Smith@contoso.com")]
    [InlineData(new[] { "John.Smith@contoso.com", "J.Smith@contoso.com" }, "Jo.Smith@contoso.com")]
    public void SelectUniqueValue_Suv1_ReturnsFirstValueFreeInTarget(string[] taken, string expected)
    {
        var environment = new ExpressionEnvironment { UniqueValueChecker = new TakenValues(taken) };
        var attributes = new AttributeBag().Set("PreferredFirstName", "John").Set("PreferredLastName", "Smith");
        Evaluate.Text(Suv1, attributes, environment).ShouldBe(expected);
    }

    [Fact]
    public void SelectUniqueValue_EveryValueTaken_FailsSoTheObjectIsEscrowed()
    {
        var environment = new ExpressionEnvironment
        {
            UniqueValueChecker = new TakenValues(["John.Smith@contoso.com", "J.Smith@contoso.com", "Jo.Smith@contoso.com"]),
        };
        var attributes = new AttributeBag().Set("PreferredFirstName", "John").Set("PreferredLastName", "Smith");
        Evaluate.Error(Suv1, attributes, environment).Code.ShouldBe(ExpressionErrorCodes.UniqueValueUnavailable);
    }

    [Fact]
    public void IgnoreFlowIfNullOrEmpty_Ign1_AbsentAttributeIsDroppedFromTheFlow()
    {
        Evaluate.Run("IgnoreFlowIfNullOrEmpty([department])").IsAttributeFlowIgnored.ShouldBeTrue();
        Evaluate.Run("IgnoreFlowIfNullOrEmpty([department])", new AttributeBag().Set("department", "")).IsAttributeFlowIgnored.ShouldBeTrue();
        Evaluate.Text("IgnoreFlowIfNullOrEmpty([department])", new AttributeBag().Set("department", "Sales")).ShouldBe("Sales");
    }

    [Fact]
    public void IgnoreObjectFlow_Wd27_ObjectIsNotFlowed()
    {
        var environment = ExpressionEnvironment.At(new DateTimeOffset(2025, 7, 30, 0, 0, 0, TimeSpan.Zero));
        var result = Evaluate.Run("IIF(DateDiff(\"d\", Now(), CDate([StatusHireDate])) <= 14, \"False\", IgnoreObjectFlow)",
            new AttributeBag().Set("StatusHireDate", "2025-09-15"), environment);
        result.IsObjectFlowIgnored.ShouldBeTrue();
    }

    [Fact]
    public void SingleAppRoleAssignment_OneRole_ReturnsItsValue()
    {
        var attributes = new AttributeBag().Set("appRoleAssignments",
            ExpressionValue.From(new[] { new AppRoleAssignment("06b07648-ecfe-589f-9d2f-6325724a46ee", "Admin", "Administrator") }));
        Evaluate.Text("SingleAppRoleAssignment([appRoleAssignments])", attributes).ShouldBe("Admin");
    }

    [Fact]
    public void AppRoleAssignmentsComplex_TwoRoles_ReturnsEveryAssignment()
    {
        var roles = new[] { new AppRoleAssignment("1", "Admin", "Admin"), new AppRoleAssignment("2", "User", "User") };
        var value = Evaluate.Value("AppRoleAssignmentsComplex([appRoleAssignments])", new AttributeBag().Set("appRoleAssignments", ExpressionValue.From(roles)));
        value.Kind.ShouldBe(ExpressionValueKind.AppRoleAssignments);
        value.AsAppRoleAssignments().ShouldBe(roles);
    }

    [Fact]
    public void AppRoleAssignmentsComplex_GraphTestObjectOfNames_ReturnsRolesNamedSo()
    {
        // GRAPH-PE's testInputObject gives appRoleAssignments as a collection of strings.
        var value = Evaluate.Value("AppRoleAssignmentsComplex([appRoleAssignments])",
            new AttributeBag().Set("appRoleAssignments", ["Default Assignment"]));
        value.AsAppRoleAssignments().Single().Value.ShouldBe("Default Assignment");
    }

    [Fact]
    public void ToLower_WithTurkishCulture_UsesCultureRules() =>
        Evaluate.Text("ToLower(\"TITLE\", \"tr-TR\")").ShouldBe("tıtle");

    [Fact]
    public void ToLower_UnknownCulture_FailsWithInvalidArgument() =>
        Evaluate.Error("ToLower(\"A\", \"xx-NOPE-123\")").Code.ShouldBe(ExpressionErrorCodes.InvalidArgument);

    [Fact]
    public void CDate_NotADate_FailsWithInvalidDateAtTheCall()
    {
        var error = Evaluate.Error("Join(\"-\", \"a\", CDate([hireDate]))", new AttributeBag().Set("hireDate", "next tuesday"));
        error.Code.ShouldBe(ExpressionErrorCodes.InvalidDate);
        error.Position.Offset.ShouldBe(15);
        error.Message.ShouldContain("column 16");
    }

    [Fact]
    public void Left_MultiValuedSource_FailsWithMultipleValues() =>
        Evaluate.Error("Left([proxyAddresses], 3)", new AttributeBag().Set("proxyAddresses", ["smtp:a@x", "SMTP:b@x"]))
            .Code.ShouldBe(ExpressionErrorCodes.MultipleValues);

    [Fact]
    public void Item_IndexZero_FailsWithIndexOutOfRange() =>
        Evaluate.Error("Item([proxyAddresses], 0)", new AttributeBag().Set("proxyAddresses", ["a"])).Code.ShouldBe(ExpressionErrorCodes.IndexOutOfRange);

    [Fact]
    public void Mid_StartAsText_FailsWithNotANumber() =>
        Evaluate.Error("Mid(\"abc\", \"one\", 1)").Code.ShouldBe(ExpressionErrorCodes.NotANumber);

    [Fact]
    public void Mid_NumberWrittenAsString_IsAccepted() =>
        Evaluate.Text("Mid([PreferredFirstName], \"1\", \"1\")", new AttributeBag().Set("PreferredFirstName", "John")).ShouldBe("J");

    [Fact]
    public void DateAdd_UnknownInterval_FailsWithInvalidArgument() =>
        Evaluate.Error("DateAdd(\"fortnight\", 1, CDate(\"2020-01-01\"))").Code.ShouldBe(ExpressionErrorCodes.InvalidArgument);

    [Fact]
    public void FormatDateTime_InputDoesNotMatchFormat_FailsWithInvalidDateFormat() =>
        Evaluate.Error("FormatDateTime(\"2020-01-01\", , \"yyyyMMdd\", \"yyyy\")").Code.ShouldBe(ExpressionErrorCodes.InvalidDateFormat);

    [Fact]
    public void Replace_CatastrophicBacktracking_FailsWithRegexTimeoutInsteadOfHanging()
    {
        var attributes = new AttributeBag().Set("x", new string('a', 40) + "!");
        Evaluate.Error("Replace([x], , \"^(a+)+$\", , \"b\", , )", attributes).Code.ShouldBe(ExpressionErrorCodes.RegexTimeout);
    }

    [Fact]
    public void Replace_PatternFromAttributeIsInvalid_FailsWithInvalidRegex() =>
        Evaluate.Error("Replace(\"abc\", , [pattern], , \"x\", , )", new AttributeBag().Set("pattern", "(unclosed"))
            .Code.ShouldBe(ExpressionErrorCodes.InvalidRegex);

    [Fact]
    public void Iif_ConditionNeitherTrueNorFalse_FailsWithNotABoolean() =>
        Evaluate.Error("IIF([country], \"a\", \"b\")", new AttributeBag().Set("country", "USA")).Code.ShouldBe(ExpressionErrorCodes.NotABoolean);

    [Fact]
    public void Iif_Seed000FallbackPattern_AbsentDepartmentGetsDefault()
    {
        // The user's troubleshooting guide (seed 000) recommends this pattern; Entra's documentation calls it unsupported.
        const string Mapping = "IIF(IsNullOrEmpty([department]), \"Unassigned\", [department])";
        Evaluate.Text(Mapping).ShouldBe("Unassigned");
        Evaluate.Text(Mapping, new AttributeBag().Set("department", "")).ShouldBe("Unassigned");
        Evaluate.Text(Mapping, new AttributeBag().Set("department", "Sales")).ShouldBe("Sales");
    }

    [Fact]
    public void Iif_ComparisonOnAbsentAttribute_ReadsAsEmptyAndTakesFalseBranch() =>
        Evaluate.Text("IIF([country]=\"USA\",[country],[department])", new AttributeBag().Set("department", "Sales")).ShouldBe("Sales");

    [Fact]
    public void Iif_BranchNotTaken_IsNotEvaluated() =>
        Evaluate.Text("IIF([country]=\"USA\", \"US\", CDate(\"not a date\"))", new AttributeBag().Set("country", "USA")).ShouldBe("US");

    [Fact]
    public void Switch_NullSourceWithoutEmptyKey_ReturnsDefault() =>
        Evaluate.Text("Switch([state], \"Unknown\", \"NSW\", \"Sydney\")").ShouldBe("Unknown");

    [Fact]
    public void Switch_NoMatchAndDefaultOmitted_ReturnsNull() =>
        Evaluate.Value("Switch([Active], , \"1\", \"True\", \"0\", \"False\")", new AttributeBag().Set("Active", "7")).IsNull.ShouldBeTrue();

    [Fact]
    public void Switch_KeysCompareCaseSensitively() =>
        Evaluate.Text("Switch([statusFlag], \"none\", \"true\", \"1\")", new AttributeBag().Set("statusFlag", "True")).ShouldBe("none");

    [Fact]
    public void FunctionNames_AnyCase_EvaluateTheSame() =>
        Evaluate.Text("switch([companyName], \"External\", \"Company A\", \"A\")", new AttributeBag().Set("companyName", "Company A")).ShouldBe("A");

    [Fact]
    public void Comparison_NumberAgainstNumericString_ComparesNumerically() =>
        Evaluate.Value("CBool([StatusRehire]=1)", new AttributeBag().Set("StatusRehire", "1.0")).AsBoolean().ShouldBeTrue();

    [Fact]
    public void Comparison_Strings_CompareOrdinallyAndCaseSensitively() =>
        Evaluate.Value("CBool([country]=\"usa\")", new AttributeBag().Set("country", "USA")).AsBoolean().ShouldBeFalse();

    [Fact]
    public void Count_MultiValued_CountsValues()
    {
        Evaluate.Value("Count([proxyAddresses])", new AttributeBag().Set("proxyAddresses", ["a", "b", "c"])).AsInteger().ShouldBe(3);
        Evaluate.Value("Count([proxyAddresses])").AsInteger().ShouldBe(0);
    }

    [Fact]
    public void Coalesce_EmptyStringIsNotNull_ReturnsIt() =>
        Evaluate.Text("Coalesce([preferredName], [firstName])", new AttributeBag().Set("preferredName", "").Set("firstName", "Robert")).ShouldBe("");

    [Fact]
    public void Join_AllSourcesAbsent_ReturnsNullSoNothingIsExported() =>
        Evaluate.Value("Join(\" \", [givenName], [surname])").IsNull.ShouldBeTrue();

    [Fact]
    public void Join_MultiValuedSource_JoinsEveryValue() =>
        Evaluate.Text("Join(\";\", [proxyAddresses], \"x\")", new AttributeBag().Set("proxyAddresses", ["a", "b"])).ShouldBe("a;b;x");

    [Fact]
    public void Join_LongValues_BuildsTheWholeString()
    {
        var longText = new string('x', 700);
        Evaluate.Text("Join(\"-\", [a], [b])", new AttributeBag().Set("a", longText).Set("b", "y")).ShouldBe(longText + "-y");
    }

    [Fact]
    public void Evaluate_ResultIsAnInputString_AllocatesNothing()
    {
        var attributes = new AttributeBag().Set("department", "Sales").Set("country", "DE");
        var iif = Evaluate.Compiled("IIF(IsNullOrEmpty([department]), \"Unassigned\", [department])");
        var @switch = Evaluate.Compiled("Switch([country], \"Other\", \"US\", \"United States\", \"DE\", \"Germany\")");
        iif.Evaluate(attributes);
        @switch.Evaluate(attributes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            iif.Evaluate(attributes);
            @switch.Evaluate(attributes);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex GuidShape();

    private sealed class TakenValues(IEnumerable<string> taken) : IUniqueValueChecker
    {
        private readonly HashSet<string> _taken = new(taken, StringComparer.OrdinalIgnoreCase);

        public bool IsUnique(string candidate) => !_taken.Contains(candidate);
    }
}
