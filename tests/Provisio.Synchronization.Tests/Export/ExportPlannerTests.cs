using Provisio.Synchronization.Logs;
using Provisio.Expressions.Evaluation;
using Provisio.Scim;
using Provisio.Scim.Client;
using Provisio.Scim.Patch;
using Provisio.Synchronization.Export;
using Provisio.Synchronization.Mapping;
using Provisio.Synchronization.Schema;
using static Provisio.Synchronization.Tests.Mapping.DefaultScimMappings;

namespace Provisio.Synchronization.Tests.Export;

/// <summary>Updates as Entra sends them (reference entra-expressions-and-scim B.3.4-B.3.6, B.6.3, B.7) and their log lines.</summary>
public sealed class ExportPlannerTests
{
    private static readonly CompiledObjectMapping DefaultUsers = CompiledObjectMapping.Compile(Users());
    private static readonly ExportPlanner Planner = new(DefaultUsers, ScimResourceType.User);

    private static ExportedValues CreatedAsZoe() => Planner.PlanCreate(DefaultUsers.Evaluate(Zoe(), null, isCreate: true)).State;

    private static UpdateExport Update(AttributeBag source, ExportedValues? last = null) =>
        Planner.PlanUpdate(last ?? CreatedAsZoe(), DefaultUsers.Evaluate(source, null, isCreate: false));

    private static string Patch(UpdateExport update, ScimDialect dialect = ScimDialect.Default) =>
        ScimJson.Serialize(ScimPatchWriter.Write(update.Changes, dialect));

    [Fact]
    public void PlanCreate_RealisticUser_StateIsEveryExportedValueAndLogHasNoOldValues()
    {
        var create = Planner.PlanCreate(DefaultUsers.Evaluate(Zoe(), null, isCreate: true));

        create.State.Count.ShouldBe(20);
        create.State.TryGetValue("phoneNumbers[type eq \"fax\"].value", out _).ShouldBeFalse();
        create.State.TryGetValue(Enterprise + ":manager", out _).ShouldBeFalse();
        create.ModifiedProperties.Take(3).ShouldBe(
        [
            new ModifiedProperty("userName", null, "zoe.angstrom@contoso.com"),
            new ModifiedProperty("active", null, "True"),
            new ModifiedProperty("displayName", null, "Zoë Ångström"),
        ]);
        create.ModifiedProperties.Count.ShouldBe(20);
    }

    [Fact]
    public void PlanUpdate_Unchanged_Redundant()
    {
        var update = Update(Zoe());

        update.IsRedundant.ShouldBeTrue();
        update.ModifiedProperties.ShouldBeEmpty();
    }

    [Fact]
    public void PlanUpdate_Rename_ReplacesEachChangedAttributeAsEntra()
    {
        var renamed = Zoe()
            .Set("userPrincipalName", "zoe.lindqvist@contoso.com")
            .Set("mail", "zoe.lindqvist@contoso.com")
            .Set("surname", "Lindqvist")
            .Set("displayName", "Zoë Lindqvist");

        var update = Update(renamed);

        Patch(update).ShouldBe(Json.OneLine(
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
            {"op":"Replace","path":"userName","value":"zoe.lindqvist@contoso.com"},
            {"op":"Replace","path":"displayName","value":"Zoë Lindqvist"},
            {"op":"Replace","path":"emails[type eq \"work\"].value","value":"zoe.lindqvist@contoso.com"},
            {"op":"Replace","path":"name.familyName","value":"Lindqvist"},
            {"op":"Replace","path":"name.formatted","value":"Zoë Lindqvist"}]}
            """));
        update.ModifiedProperties.ShouldBe(
        [
            new ModifiedProperty("userName", "zoe.angstrom@contoso.com", "zoe.lindqvist@contoso.com"),
            new ModifiedProperty("displayName", "Zoë Ångström", "Zoë Lindqvist"),
            new ModifiedProperty("emails[type eq \"work\"].value", "zoe.angstrom@contoso.com", "zoe.lindqvist@contoso.com"),
            new ModifiedProperty("name.familyName", "Ångström", "Lindqvist"),
            new ModifiedProperty("name.formatted", "Zoë Ångström", "Zoë Lindqvist"),
        ]);
    }

    [Fact]
    public void PlanUpdate_DepartmentChange_OneReplaceOnTheExtensionPath()
    {
        var update = Update(Zoe().Set("department", "Ventes"));

        Patch(update).ShouldBe(
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Ventes"}]}""");
        update.ModifiedProperties.ShouldBe([new ModifiedProperty(Enterprise + ":department", "Recherche & Développement", "Ventes")]);
    }

    [Fact]
    public void PlanUpdate_UserNameChangeFlagDialect_LowerCaseReplace()
    {
        var update = Update(Zoe().Set("userPrincipalName", "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"));

        Patch(update, ScimDialect.AadOptScim062020).ShouldBe(
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"userName","value":"5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"}]}""");
    }

    [Fact]
    public void PlanUpdate_SoftDeleted_DisablesAsB7()
    {
        var update = Update(Zoe().Set("IsSoftDeleted", ExpressionValue.From(true)));

        Patch(update).ShouldBe(
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}""");
        Patch(update, ScimDialect.AadOptScim062020).ShouldBe(
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}""");
        update.ModifiedProperties.ShouldBe([new ModifiedProperty("active", "True", "False")]);
    }

    [Fact]
    public void PlanUpdate_ValueBecameNull_NothingSentAndStateKeepsWhatTheTargetHas()
    {
        var update = Update(Zoe().Set("jobTitle", (string?)null));

        update.IsRedundant.ShouldBeTrue();
        update.State.TryGetValue("title", out var title).ShouldBeTrue();
        title.ShouldBe(TargetValue.From("Ingénieure principale"));
    }

    [Fact]
    public void PlanUpdate_NewValueTheTargetNeverHad_Add()
    {
        var update = Update(Zoe().Set("facsimileTelephoneNumber", "+46 40 123 45 00"));

        Patch(update).ShouldBe(
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"phoneNumbers[type eq \"fax\"].value","value":"+46 40 123 45 00"}]}""");
        update.ModifiedProperties.ShouldBe([new ModifiedProperty("phoneNumbers[type eq \"fax\"].value", null, "+46 40 123 45 00")]);
        update.State.TryGetValue("phoneNumbers[type eq \"fax\"].value", out var fax).ShouldBeTrue();
        fax.ShouldBe(TargetValue.From("+46 40 123 45 00"));
    }

    [Fact]
    public void PlanUpdate_ChangeOfCase_IsAChange()
    {
        var update = Update(Zoe().Set("mail", "Zoe.Angstrom@contoso.com"));

        update.Changes.ShouldHaveSingleItem().Path.ShouldBe("emails[type eq \"work\"].value");
    }

    [Fact]
    public void PlanUpdate_FlowAlways_ExportsEvenWhenUnchanged()
    {
        var mapping = CompiledObjectMapping.Compile(Users(
        [
            Map("userName", "[userPrincipalName]", 1),
            Map("displayName", "[displayName]") with { FlowBehavior = AttributeFlowBehavior.FlowAlways },
        ]));
        var planner = new ExportPlanner(mapping, ScimResourceType.User);
        var last = planner.PlanCreate(mapping.Evaluate(Zoe(), null, isCreate: true)).State;

        var update = planner.PlanUpdate(last, mapping.Evaluate(Zoe(), null, isCreate: false));

        update.Changes.ShouldBe([new ScimChange(PatchOperationType.Replace, "displayName", update.Changes[0].Value)]);
        ScimJson.Text(update.Changes[0].Value).ShouldBe("Zoë Ångström");
        update.ModifiedProperties.ShouldBe([new ModifiedProperty("displayName", "Zoë Ångström", "Zoë Ångström")]);
    }

    [Fact]
    public void PlanUpdate_ObjectAddOnlyAttribute_NotSentAndKeptInState()
    {
        var mapping = CompiledObjectMapping.Compile(Users(
        [
            Map("userName", "[userPrincipalName]", 1),
            Map("nickName", "[givenName]") with { FlowType = AttributeFlowType.ObjectAddOnly },
        ]));
        var planner = new ExportPlanner(mapping, ScimResourceType.User);
        var last = planner.PlanCreate(mapping.Evaluate(Zoe(), null, isCreate: true)).State;

        var update = planner.PlanUpdate(last, mapping.Evaluate(Zoe().Set("givenName", "Zoé"), null, isCreate: false));

        update.IsRedundant.ShouldBeTrue();
        update.State.TryGetValue("nickName", out var nickName).ShouldBeTrue();
        nickName.ShouldBe(TargetValue.From("Zoë"));
    }

    [Fact]
    public void PlanUpdate_RedactedExpression_LogShowsRedact()
    {
        var mapping = CompiledObjectMapping.Compile(Users(
        [
            Map("userName", "[userPrincipalName]", 1),
            Map("urn:ietf:params:scim:schemas:extension:Contoso:2.0:User:badge", "Redact([employeeId])"),
        ]));
        var planner = new ExportPlanner(mapping, ScimResourceType.User);
        var last = planner.PlanCreate(mapping.Evaluate(Zoe(), null, isCreate: true)).State;

        var update = planner.PlanUpdate(last, mapping.Evaluate(Zoe().Set("employeeId", "004218"), null, isCreate: false));

        update.ModifiedProperties.ShouldBe([new ModifiedProperty("urn:ietf:params:scim:schemas:extension:Contoso:2.0:User:badge", "[Redact]", "[Redact]")]);
        ScimJson.Text(update.Changes.ShouldHaveSingleItem().Value).ShouldBe("004218");
    }

    [Fact]
    public void PlanUpdate_MatchedTargetResource_ReplacesWhatDiffersAndAddsWhatItLacks()
    {
        // A user found by matching (reference B.3.3's resource shape) rather than created by us.
        var resource = ScimJson.ParseObject(
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"2441309d85324e7793ae","externalId":"zoe.angstrom",
             "userName":"zoe.angstrom@contoso.com","name":{"familyName":"Angstrom","givenName":"Zoë"},"active":"True",
             "emails":[{"value":"zoe.angstrom@contoso.com","type":"work","primary":true}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Recherche & Développement"}}
            """);
        var last = ExportedValues.FromResource(DefaultUsers, resource);

        var update = Update(Zoe(), last);

        update.Changes.Select(change => (change.Op, change.Path)).ShouldBe(
        [
            (PatchOperationType.Add, "displayName"),
            (PatchOperationType.Add, "title"),
            (PatchOperationType.Add, "preferredLanguage"),
            (PatchOperationType.Replace, "name.familyName"),
            (PatchOperationType.Add, "name.formatted"),
            (PatchOperationType.Add, "addresses[type eq \"work\"].formatted"),
            (PatchOperationType.Add, "addresses[type eq \"work\"].streetAddress"),
            (PatchOperationType.Add, "addresses[type eq \"work\"].locality"),
            (PatchOperationType.Add, "addresses[type eq \"work\"].region"),
            (PatchOperationType.Add, "addresses[type eq \"work\"].postalCode"),
            (PatchOperationType.Add, "addresses[type eq \"work\"].country"),
            (PatchOperationType.Add, "phoneNumbers[type eq \"work\"].value"),
            (PatchOperationType.Add, "phoneNumbers[type eq \"mobile\"].value"),
            (PatchOperationType.Add, Enterprise + ":employeeNumber"),
        ]);
    }

    [Fact]
    public void PlanUpdate_ObjectEvaluatedForCreate_Refused()
    {
        var mapped = DefaultUsers.Evaluate(Zoe(), null, isCreate: true);

        Should.Throw<ArgumentException>(() => Planner.PlanUpdate(ExportedValues.Empty, mapped));
    }

    [Fact]
    public void PlanCreate_IgnoredObject_Refused()
    {
        var mapping = CompiledObjectMapping.Compile(Users([Map("userName", "IIF([department] = \"Ventes\", IgnoreObjectFlow, [userPrincipalName])", 1)]));
        var mapped = mapping.Evaluate(Zoe().Set("department", "Ventes"), null, isCreate: true);

        Should.Throw<ArgumentException>(() => new ExportPlanner(mapping, ScimResourceType.User).PlanCreate(mapped));
    }
}
