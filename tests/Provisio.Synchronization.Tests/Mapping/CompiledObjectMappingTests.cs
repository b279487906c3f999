using Provisio.Expressions;
using Provisio.Expressions.Evaluation;
using Provisio.Expressions.Graph;
using Provisio.Expressions.Syntax;
using Provisio.Synchronization.Mapping;
using Provisio.Synchronization.Schema;
using static Provisio.Synchronization.Tests.Mapping.DefaultScimMappings;

namespace Provisio.Synchronization.Tests.Mapping;

public sealed class CompiledObjectMappingTests
{
    private static readonly CompiledObjectMapping DefaultUsers = CompiledObjectMapping.Compile(Users());

    [Fact]
    public void Compile_DefaultUserMappings_CompilesEveryMappingWithTheirTypes()
    {
        DefaultUsers.CompileErrors.ShouldBeEmpty();
        DefaultUsers.Attributes.Count.ShouldBe(22);
        DefaultUsers.Find("active")!.Type.ShouldBe(AttributeType.Boolean);
        DefaultUsers.Find(Enterprise + ":manager")!.IsReference.ShouldBeTrue();
        DefaultUsers.Find("EMAILS[type eq \"work\"].value")!.Type.ShouldBe(AttributeType.String);
        DefaultUsers.HasEnterpriseAttributes.ShouldBeTrue();
        DefaultUsers.MatchingAttributes.Select(attribute => attribute.TargetAttributeName).ShouldBe(["userName"]);
    }

    [Fact]
    public void Evaluate_RealisticUser_GivesEachTargetAttributeItsValue()
    {
        var mapped = DefaultUsers.Evaluate(Zoe(), null, isCreate: true);

        mapped.Succeeded.ShouldBeTrue();
        mapped.ValueOf("userName").ShouldBe(TargetValue.From("zoe.angstrom@contoso.com"));
        mapped.ValueOf("active").ShouldBe(TargetValue.From(true));
        mapped.ValueOf("name.formatted").ShouldBe(TargetValue.From("Zoë Ångström"));
        mapped.ValueOf(Enterprise + ":department").ShouldBe(TargetValue.From("Recherche & Développement"));
    }

    [Fact]
    public void Evaluate_MissingSourceValue_IsNotExported()
    {
        var mapped = DefaultUsers.Evaluate(Zoe(), null, isCreate: true);

        mapped.ValueOf("phoneNumbers[type eq \"fax\"].value").IsNull.ShouldBeTrue();
        mapped.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_SoftDeletedUser_ActiveIsFalse()
    {
        var mapped = DefaultUsers.Evaluate(Zoe().Set("IsSoftDeleted", ExpressionValue.From(true)), null, isCreate: false);

        mapped.ValueOf("active").ShouldBe(TargetValue.From(false));
    }

    [Fact]
    public void Evaluate_Manager_IsKeptApartWithItsSourceId()
    {
        var mapped = DefaultUsers.Evaluate(Zoe(), null, isCreate: true);

        mapped.ValueOf(Enterprise + ":manager").IsNull.ShouldBeTrue();
        var reference = mapped.References.ShouldHaveSingleItem();
        reference.TargetAttributeName.ShouldBe(Enterprise + ":manager");
        reference.SourceIds.ShouldBe(["9f8e7d6c-5b4a-4321-8765-43210fedcba9"]);
    }

    [Fact]
    public void Evaluate_ManagerCleared_ReferenceWithNoIds()
    {
        var source = Zoe().Set("manager", (string?)null);

        var mapped = DefaultUsers.Evaluate(source, null, isCreate: false);

        mapped.References.ShouldHaveSingleItem().SourceIds.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_GroupMembers_ReferenceWithEveryMemberId()
    {
        var groups = CompiledObjectMapping.Compile(Groups);
        var source = new AttributeBag().Set("objectId", "g1").Set("displayName", "Équipe Rødby").Set("members", ["u1", "u2", "u3"]);

        var mapped = groups.Evaluate(source, null, isCreate: true);

        var members = mapped.References.ShouldHaveSingleItem();
        members.TargetAttributeName.ShouldBe("members");
        members.Attribute.Multivalued.ShouldBeTrue();
        members.SourceIds.ShouldBe(["u1", "u2", "u3"]);
        mapped.ValueOf("displayName").ShouldBe(TargetValue.From("Équipe Rødby"));
    }

    [Fact]
    public void Evaluate_MatchingAttributes_InPriorityOrderWithValues()
    {
        var mapping = CompiledObjectMapping.Compile(Users(
        [
            Map("externalId", "[mailNickname]", matchingPriority: 2),
            Map("emails[type eq \"work\"].value", "[mail]", matchingPriority: 3),
            Map("userName", "[userPrincipalName]", matchingPriority: 1),
        ]));

        var mapped = mapping.Evaluate(Zoe().Set("mail", (string?)null), null, isCreate: false);

        mapped.MatchingValues.Select(value => (value.TargetAttributeName, value.Value)).ShouldBe(
        [
            ("userName", "zoe.angstrom@contoso.com"),
            ("externalId", "zoe.angstrom"),
            ("emails[type eq \"work\"].value", (string?)null),
        ]);
        mapped.HasMatchingValue.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_NoMatchingValue_HasMatchingValueIsFalse()
    {
        var mapped = DefaultUsers.Evaluate(new AttributeBag().Set("displayName", "Nobody"), null, isCreate: false);

        mapped.HasMatchingValue.ShouldBeFalse();
        mapped.MatchingValues.ShouldHaveSingleItem().Value.ShouldBeNull();
    }

    [Fact]
    public void Evaluate_DefaultValue_AppliesOnCreateButNotOnUpdate()
    {
        var mapping = CompiledObjectMapping.Compile(Users(
        [
            Map("userName", "[userPrincipalName]", matchingPriority: 1),
            Map("title", "[jobTitle]") with { DefaultValue = "Employee" },
        ]));
        var source = Zoe().Set("jobTitle", (string?)null);

        mapping.Evaluate(source, null, isCreate: true).ValueOf("title").ShouldBe(TargetValue.From("Employee"));
        mapping.Evaluate(source, null, isCreate: false).ValueOf("title").IsNull.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_DefaultValue_NotUsedWhenTheSourceHasAValue()
    {
        var mapping = CompiledObjectMapping.Compile(Users([Map("title", "[jobTitle]") with { DefaultValue = "Employee" }]));

        mapping.Evaluate(Zoe(), null, isCreate: true).ValueOf("title").ShouldBe(TargetValue.From("Ingénieure principale"));
    }

    [Fact]
    public void Evaluate_ObjectAddOnly_FlowsOnCreateOnly()
    {
        var mapping = CompiledObjectMapping.Compile(Users(
        [
            Map("userName", "[userPrincipalName]", matchingPriority: 1),
            Map("nickName", "[givenName]") with { FlowType = AttributeFlowType.ObjectAddOnly },
        ]));

        mapping.Evaluate(Zoe(), null, isCreate: true).ValueOf("nickName").ShouldBe(TargetValue.From("Zoë"));
        mapping.Evaluate(Zoe(), null, isCreate: false).ValueOf("nickName").IsNull.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_ObjectAddOnlyMatchingAttribute_StillGivesItsMatchingValueOnUpdate()
    {
        var mapping = CompiledObjectMapping.Compile(Users(
            [Map("userName", "[userPrincipalName]", matchingPriority: 1) with { FlowType = AttributeFlowType.ObjectAddOnly }]));

        var mapped = mapping.Evaluate(Zoe(), null, isCreate: false);

        mapped.ValueOf("userName").IsNull.ShouldBeTrue();
        mapped.MatchingValues.ShouldHaveSingleItem().Value.ShouldBe("zoe.angstrom@contoso.com");
    }

    [Fact]
    public void Evaluate_IgnoreObjectFlow_SkipsTheObject()
    {
        var mapping = CompiledObjectMapping.Compile(Users(
        [
            Map("userName", "[userPrincipalName]", matchingPriority: 1),
            Map("userType", "IIF([department] = \"Recherche & Développement\", IgnoreObjectFlow, [userType])"),
        ]));

        var mapped = mapping.Evaluate(Zoe(), null, isCreate: true);

        mapped.IsObjectFlowIgnored.ShouldBeTrue();
        mapped.ObjectFlowIgnoredBy.ShouldBe("userType");
        mapped.Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_IgnoreFlowIfNullOrEmpty_DropsOnlyThatAttribute()
    {
        var mapping = CompiledObjectMapping.Compile(Users(
        [
            Map("userName", "[userPrincipalName]", matchingPriority: 1),
            Map("title", "IgnoreFlowIfNullOrEmpty([jobTitle])") with { DefaultValue = "Employee" },
        ]));

        var mapped = mapping.Evaluate(Zoe().Set("jobTitle", ""), null, isCreate: true);

        mapped.IsObjectFlowIgnored.ShouldBeFalse();
        mapped.ValueOf("title").IsNull.ShouldBeTrue();
        mapped.ValueOf("userName").IsNull.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_EmptyString_IsExportedAsItIs()
    {
        var mapped = DefaultUsers.Evaluate(Zoe().Set("jobTitle", ""), null, isCreate: true);

        mapped.ValueOf("title").ShouldBe(TargetValue.From(""));
    }

    [Fact]
    public void Evaluate_ExpressionFails_ErrorNamesTheAttributeAndPosition()
    {
        var mapping = CompiledObjectMapping.Compile(Users(
        [
            Map("userName", "[userPrincipalName]", matchingPriority: 1),
            Map("urn:ietf:params:scim:schemas:extension:Contoso:2.0:User:hireDate", "Join(\" \", \"since\", CDate([hireDate]))"),
        ]));

        var mapped = mapping.Evaluate(Zoe().Set("hireDate", "not a date"), null, isCreate: true);

        var error = mapped.Errors.ShouldHaveSingleItem();
        error.TargetAttributeName.ShouldBe("urn:ietf:params:scim:schemas:extension:Contoso:2.0:User:hireDate");
        error.Code.ShouldBe(AttributeMappingErrorCodes.ExpressionEvaluationFailed);
        error.ExpressionError!.Code.ShouldBe(ExpressionErrorCodes.InvalidDate);
        error.ExpressionError.Position.Column.ShouldBe(20);
        error.Message.ShouldBe(
            "The expression of the mapping to 'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User:hireDate' failed: "
            + "Evaluation error (column 20): CDate: parameter 'expression' must be a date but was \"not a date\".");
        mapped.ValueOf("userName").ShouldBe(TargetValue.From("zoe.angstrom@contoso.com"));
    }

    [Fact]
    public void Compile_SyntaxError_ReportedPerMappingWithPosition()
    {
        var broken = new AttributeMapping
        {
            TargetAttributeName = "displayName",
            Source = new AttributeMappingSource { Type = AttributeMappingSourceType.Function, Name = "Join", Expression = "Join(\" \", [givenName], [surname]" },
        };

        var mapping = CompiledObjectMapping.Compile(Users([Map("userName", "[userPrincipalName]", 1), broken]));

        var error = mapping.CompileErrors.ShouldHaveSingleItem();
        error.TargetAttributeName.ShouldBe("displayName");
        error.Error.IsSyntaxError.ShouldBeTrue();
        error.Error.Position.ShouldBe(new TextPosition(32, 1, 33));
        error.ToString().ShouldBe("displayName: UnbalancedBrackets: Syntax error (column 33): the '(' at column 5 is not closed, expected ')'.");
        mapping.Find("displayName")!.Succeeded.ShouldBeFalse();
    }

    [Fact]
    public void Compile_UnknownFunction_ReportedNotThrown()
    {
        var mapping = CompiledObjectMapping.Compile(Users([Map("userName", "[userPrincipalName]", 1),
            new AttributeMapping { TargetAttributeName = "title", Source = new AttributeMappingSource { Type = AttributeMappingSourceType.Function, Expression = "Lower([jobTitle])" } }]));

        var error = mapping.CompileErrors.ShouldHaveSingleItem();
        error.TargetAttributeName.ShouldBe("title");
        error.Error.Code.ShouldBe(ExpressionErrorCodes.UnknownFunction);
        error.Error.Position.Column.ShouldBe(1);
    }

    [Fact]
    public void Evaluate_MappingThatDidNotCompile_IsAnErrorOfEachObject()
    {
        var mapping = CompiledObjectMapping.Compile(Users([Map("userName", "[userPrincipalName]", 1),
            new AttributeMapping { TargetAttributeName = "title", Source = new AttributeMappingSource { Type = AttributeMappingSourceType.Function, Expression = "Lower([jobTitle])" } }]));

        var mapped = mapping.Evaluate(Zoe(), null, isCreate: true);

        var error = mapped.Errors.ShouldHaveSingleItem();
        error.TargetAttributeName.ShouldBe("title");
        error.Code.ShouldBe(AttributeMappingErrorCodes.SchemaInvalid);
    }

    [Fact]
    public void Compile_TargetAttributeThatIsNotAPath_ReportsItsPosition()
    {
        var mapping = CompiledObjectMapping.Compile(Users([Map("emails[type eq \"work\".value", "[mail]")]));

        var error = mapping.CompileErrors.ShouldHaveSingleItem();
        error.Error.Code.ShouldBe(AttributeMappingErrorCodes.InvalidTargetAttribute);
        error.TargetAttributeName.ShouldBe("emails[type eq \"work\".value");
    }

    [Fact]
    public void Compile_SameTargetTwice_SecondIsAnError()
    {
        var mapping = CompiledObjectMapping.Compile(Users([Map("userName", "[userPrincipalName]", 1), Map("USERNAME", "[mail]")]));

        mapping.CompileErrors.ShouldHaveSingleItem().Error.Code.ShouldBe(AttributeMappingErrorCodes.DuplicateTargetAttribute);
    }

    [Fact]
    public void Compile_ConstantSource_IsComputedOnce()
    {
        var constant = new AttributeMapping
        {
            TargetAttributeName = "userType",
            Source = new AttributeMappingSource { Type = AttributeMappingSourceType.Constant, Name = "Employee", Expression = "\"Employee\"" },
        };

        var mapping = CompiledObjectMapping.Compile(Users([constant]));

        mapping.Find("userType")!.Constant.ShouldBe(ExpressionValue.From("Employee"));
        mapping.Evaluate(AttributeBag.Empty, null, isCreate: false).ValueOf("userType").ShouldBe(TargetValue.From("Employee"));
    }

    [Fact]
    public void Evaluate_NoSourceOnlyDefault_ValueOnCreateOnly()
    {
        var mapping = CompiledObjectMapping.Compile(Users([new AttributeMapping { TargetAttributeName = "locale", DefaultValue = "sv-SE" }]));

        mapping.Evaluate(AttributeBag.Empty, null, isCreate: true).ValueOf("locale").ShouldBe(TargetValue.From("sv-SE"));
        mapping.Evaluate(AttributeBag.Empty, null, isCreate: false).ValueOf("locale").IsNull.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_SeveralValuesForASingleValuedTarget_SchemaPropertyCanOnlyAcceptValue()
    {
        var mapping = CompiledObjectMapping.Compile(Users([Map("emails[type eq \"other\"].value", "[proxyAddresses]")]));

        var mapped = mapping.Evaluate(new AttributeBag().Set("proxyAddresses", ["smtp:a@contoso.com", "smtp:b@contoso.com"]), null, isCreate: true);

        mapped.Errors.ShouldHaveSingleItem().Code.ShouldBe(AttributeMappingErrorCodes.SchemaPropertyCanOnlyAcceptValue);
    }

    [Fact]
    public void Evaluate_MultiValuedTarget_KeepsEveryValue()
    {
        var target = new ObjectDefinition
        {
            Name = "User",
            Attributes = [new AttributeDefinition { Name = "emails[type eq \"other\"].value", Multivalued = true }],
        };
        var mapping = CompiledObjectMapping.Compile(Users([Map("emails[type eq \"other\"].value", "[proxyAddresses]")]), target);

        var mapped = mapping.Evaluate(new AttributeBag().Set("proxyAddresses", ["a", "b"]), null, isCreate: true);

        mapped.ValueOf("emails[type eq \"other\"].value").AsList().ShouldBe(["a", "b"]);
    }

    [Fact]
    public void Evaluate_BooleanTargetGivenText_AttributeValueTypeMismatch()
    {
        var mapping = CompiledObjectMapping.Compile(Users([Map("active", "[department]")]));

        var error = mapping.Evaluate(Zoe(), null, isCreate: true).Errors.ShouldHaveSingleItem();

        error.Code.ShouldBe(AttributeMappingErrorCodes.AttributeValueTypeMismatch);
        error.TargetAttributeName.ShouldBe("active");
    }

    [Fact]
    public void Evaluate_RequiredAttributeWithoutValueOnCreate_MandatoryFieldsMissing()
    {
        var target = new ObjectDefinition { Name = "User", Attributes = [new AttributeDefinition { Name = "userName", Required = true }] };
        var mapping = CompiledObjectMapping.Compile(Users([Map("userName", "[userPrincipalName]", 1)]), target);

        var mapped = mapping.Evaluate(new AttributeBag().Set("displayName", "No UPN"), null, isCreate: true);

        mapped.Errors.ShouldHaveSingleItem().Code.ShouldBe("MandatoryFieldsMissing");
    }

    [Fact]
    public void Evaluate_TargetDefinitionSaysReference_KeptApart()
    {
        var target = new ObjectDefinition
        {
            Name = "User",
            Attributes = [new AttributeDefinition { Name = "sponsor", Type = AttributeType.Reference, ReferencedObjects = [new ReferencedObject("User")] }],
        };
        var mapping = CompiledObjectMapping.Compile(Users([Map("sponsor", "[manager]")]), target);

        var mapped = mapping.Evaluate(Zoe(), null, isCreate: true);

        mapped.References.ShouldHaveSingleItem().SourceIds.ShouldBe(["9f8e7d6c-5b4a-4321-8765-43210fedcba9"]);
    }
}
