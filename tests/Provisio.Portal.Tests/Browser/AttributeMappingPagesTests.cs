using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Provisio.Api.Authentication;
using Provisio.Directory.Model;
using Provisio.Directory.Query;
using Provisio.Expressions.Graph;
using Provisio.Synchronization.Schema;
using Provisio.Synchronization.Templates;

namespace Provisio.Portal.Tests.Browser;

public sealed partial class AttributeMappingPagesTests(Chromium chromium)
{
    private const string Users = ScimSynchronizationTemplate.UserMappingName;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EditAMappingWithTheExpressionTester_ShowingAnErrorPosition_ThenAValueAndTraceForAChosenUser()
    {
        await using var site = await PortalSite.StartAsync(users: 5, groups: 0);
        var target = await site.StartTargetAsync();
        var (servicePrincipal, _) = await site.AddApplicationAsync("Contoso Tester", target);
        var user = (await site.Directory.QueryAsync(new DirectoryQuery { Kind = DirectoryObjectKind.User, OrderBy = "displayName", Top = 1 }, Cancellation)).Items.Single();
        var (given, surname) = (user["givenName"]!, user["surname"]!);
        var page = await chromium.NewPageAsync();
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: PortalRoutes.AttributeMapping(servicePrincipal, Users, "name.formatted"));

        // The tester starts with the mapping as configured.
        var expression = page.GetByLabel("Expression to test");
        (await expression.InputValueAsync()).ShouldBe("Join(\" \", [givenName], [surname])");

        // Typing is enough: the live script submits the tester after a pause and keeps the caret in the field.
        await expression.FillAsync("Join(\", \", [surname] [givenName])");
        var error = page.Locator(".tester").GetByRole(AriaRole.Alert);
        await error.GetByText("Syntax error at position 22:").WaitForAsync();
        (await page.EvaluateAsync<string>("() => document.activeElement.id")).ShouldBe("tester-expression");
        var echo = (await error.Locator("pre.echo").InnerTextAsync()).Split('\n');
        echo[0].ShouldBe("Join(\", \", [surname] [givenName])");
        echo[1].IndexOf('^', StringComparison.Ordinal).ShouldBe(21);
        echo[1][..21].ShouldBe(new string(' ', 21));
        (await error.Locator(".caret").InnerTextAsync()).ShouldBe("^");
        page.Url.ShouldContain("expression=");

        // A valid expression, a user found by the start of the userPrincipalName and chosen: the value those attributes give, and the trace.
        await expression.FillAsync("Join(\", \", [surname], [givenName])");
        await page.Locator(".tester").GetByText("The expression compiles.").WaitForAsync();
        await page.GetByLabel("Find a user by displayName or userPrincipalName").FillAsync(user["userPrincipalName"]![..6]);
        var match = page.GetByRole(AriaRole.Link, new() { Name = user["displayName"]!, Exact = true });
        await match.ClickAsync();
        await page.WaitForURLAsync(new Regex($"user={user.Id:D}"));
        (await page.Locator("[data-tested-user]").InnerTextAsync()).ShouldBe(user["displayName"]);
        (await page.Locator("[data-tester-result]").InnerTextAsync()).ShouldBe($"{surname}, {given}");
        var trace = page.GetByRole(AriaRole.List, new() { Name = "Trace" });
        (await trace.GetByRole(AriaRole.Listitem).AllInnerTextsAsync()).ShouldBe([$"Join(\", \", \"{surname}\", \"{given}\") → \"{surname}, {given}\""]);
        (await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "[givenName]" }).InnerTextAsync()).ShouldContain($"\"{given}\"");
        await PortalPages.ScreenshotAsync(page, "mapping-editor");

        // Without the script the same form works as a plain GET (the Test button).
        await page.GotoAsync(site.BaseUrl + PortalRoutes.AttributeMapping(servicePrincipal, Users, "name.formatted") + $"?expression={Uri.EscapeDataString("Left([surname], 2)")}&user={user.Id:D}");
        (await page.Locator("[data-tester-result]").InnerTextAsync()).ShouldBe(surname[..2]);
    }

    [Fact]
    public async Task ChangeAMapping_ConfirmIt_AndTheSavedSchemaHasIt_AndTheNextCycleIsInitial()
    {
        await using var site = await PortalSite.StartAsync(users: 4, groups: 0);
        var target = await site.StartTargetAsync();
        var (servicePrincipal, jobId) = await site.AddApplicationAsync("Contoso Mappings", target);
        await site.Engine.RunCycleAsync(jobId, dryRun: false, Cancellation);
        (await site.Engine.Store.GetCycleStateAsync(jobId, Cancellation)).Watermark.ShouldNotBeNull();
        var before = (await site.Engine.GetJobAsync(servicePrincipal, jobId, Cancellation))!.Schema;
        var page = await chromium.NewPageAsync();
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: PortalRoutes.Mappings(servicePrincipal));

        var users = page.GetByRole(AriaRole.Row).Filter(new() { HasText = Users });
        (await users.InnerTextAsync()).ShouldContain("Create, Update, Delete");
        (await users.GetByRole(AriaRole.Cell).Nth(4).InnerTextAsync()).ShouldBe("22");
        (await users.GetByRole(AriaRole.Cell).Nth(5).IsVisibleAsync()).ShouldBeTrue();
        (await page.Locator(".table-wrap").EvaluateAsync<bool>("wrap => wrap.scrollWidth <= wrap.clientWidth")).ShouldBeTrue("the object mappings fit a 1366 px screen");
        await PortalPages.ScreenshotAsync(page, "mappings");

        await users.GetByRole(AriaRole.Link, new() { Name = Users }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = Users, Level = 1 }).WaitForAsync();
        (await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "name.formatted" }).InnerTextAsync()).ShouldContain("Join(\" \", [givenName], [surname])");
        (await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "userName" }).InnerTextAsync()).ShouldContain("userPrincipalName");
        await PortalPages.ScreenshotAsync(page, "attribute-mappings");

        await page.GetByRole(AriaRole.Link, new() { Name = "displayName", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Edit attribute mapping" }).WaitForAsync();
        (await page.GetByLabel("Source attribute").InputValueAsync()).ShouldBe("displayName");

        // An expression that does not parse: the error at its field, nothing saved.
        await page.GetByRole(AriaRole.Radio, new() { Name = "Expression", Exact = true }).CheckAsync();
        var field = page.GetByRole(AriaRole.Textbox, new() { Name = "Expression", Exact = true });
        await field.FillAsync("Join(\" \", [surname], [givenName]");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        var fieldError = page.Locator("#error-Expression");
        (await fieldError.InnerTextAsync()).ShouldContain("Syntax error at position 33:");
        (await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and save" }).CountAsync()).ShouldBe(0);

        // A missing target attribute: the error at its field.
        await field.FillAsync("Join(\" \", [surname], [givenName])");
        await page.GetByLabel("Target attribute").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        (await page.Locator("#error-Target").InnerTextAsync()).ShouldContain("Enter the target attribute");
        (await site.Engine.GetJobAsync(servicePrincipal, jobId, Cancellation))!.Schema.Version.ShouldBe(before.Version);

        // Valid: the first submit asks, the second saves.
        await page.GetByLabel("Target attribute").FillAsync("displayName");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saving restarts" }).InnerTextAsync())
            .ShouldContain("Saving restarts provisioning with a new initial cycle: every object will be evaluated again");
        (await site.Engine.GetJobAsync(servicePrincipal, jobId, Cancellation))!.Schema.Version.ShouldBe(before.Version);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and save" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("saved=displayName"));
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("was saved");
        (await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "[surname], [givenName]" }).InnerTextAsync()).ShouldContain("Expression");

        var after = (await site.Engine.GetJobAsync(servicePrincipal, jobId, Cancellation))!.Schema;
        after.Version.ShouldNotBe(before.Version);
        var displayName = after.SynchronizationRules[0].ObjectMappings.Single(mapping => mapping.Name == Users).AttributeMappings
            .Single(mapping => mapping.TargetAttributeName == "displayName");
        displayName.Source!.Type.ShouldBe(AttributeMappingSourceType.Function);
        displayName.Source.Name.ShouldBe("Join");
        displayName.Source.Expression.ShouldBe("Join(\" \", [surname], [givenName])");
        displayName.MatchingPriority.ShouldBe(0);
        // PutSchemaAsync reset the watermark: the next cycle is initial, and it sends the new display names.
        (await site.Engine.Store.GetCycleStateAsync(jobId, Cancellation)).Watermark.ShouldBeNull();
        await site.Engine.RunCycleAsync(jobId, dryRun: false, Cancellation);
        var user = (await site.Directory.QueryAsync(new DirectoryQuery { Kind = DirectoryObjectKind.User, Top = 1 }, Cancellation)).Items.Single();
        target.GetUsers().ShouldContain(scim => scim["displayName"]!.ToString() == $"{user["surname"]} {user["givenName"]}");
    }

    [Fact]
    public async Task AddAConstantMapping_ThenDeleteIt_EachAfterAConfirmation()
    {
        await using var site = await PortalSite.StartAsync(users: 2, groups: 0);
        var target = await site.StartTargetAsync();
        var (servicePrincipal, jobId) = await site.AddApplicationAsync("Contoso Constants", target);
        var page = await chromium.NewPageAsync();
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: PortalRoutes.ObjectMapping(servicePrincipal, Users));

        await page.GetByRole(AriaRole.Link, new() { Name = "Add a mapping" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "New attribute mapping" }).WaitForAsync();
        page.Url.ShouldEndWith("/new");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Constant", Exact = true }).CheckAsync();
        await page.GetByLabel("Constant value").FillAsync("Contoso");
        await page.GetByLabel("Target attribute").FillAsync("userName");
        await page.GetByLabel("Apply this mapping").SelectOptionAsync("ObjectAddOnly");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        // userName is mapped already: the compile error is at the target attribute.
        (await page.Locator("#error-Target").InnerTextAsync()).ShouldContain("mapped more than once");
        await page.GetByLabel("Target attribute").FillAsync("nickName");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and save" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("saved=nickName"));

        AttributeMapping? Find(SynchronizationSchema schema) => schema.SynchronizationRules[0].ObjectMappings.Single(mapping => mapping.Name == Users)
            .AttributeMappings.SingleOrDefault(mapping => mapping.TargetAttributeName == "nickName");
        var added = Find((await site.Engine.GetJobAsync(servicePrincipal, jobId, Cancellation))!.Schema).ShouldNotBeNull();
        (added.Source!.Type, added.Source.Name, added.Source.Expression, added.Source.Parameters.Count).ShouldBe((AttributeMappingSourceType.Constant, "Contoso", "\"Contoso\"", 0));
        added.FlowType.ShouldBe(AttributeFlowType.ObjectAddOnly);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "nickName", Exact = true }) });
        (await row.InnerTextAsync()).ShouldContain("Only during object creation");

        await row.GetByRole(AriaRole.Button, new() { Name = "Delete the mapping to nickName" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Delete the mapping to nickName? Saving restarts provisioning with a new initial cycle");
        Find((await site.Engine.GetJobAsync(servicePrincipal, jobId, Cancellation))!.Schema).ShouldNotBeNull();

        // Someone else saves the schema meanwhile: the confirmation is refused rather than overwrite their save.
        var current = (await site.Engine.GetJobAsync(servicePrincipal, jobId, Cancellation))!.Schema;
        (await site.Engine.PutSchemaAsync(servicePrincipal, jobId, current, Cancellation)).Succeeded.ShouldBeTrue();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and delete" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("saved by someone else since this page was loaded; nothing was saved");
        Find((await site.Engine.GetJobAsync(servicePrincipal, jobId, Cancellation))!.Schema).ShouldNotBeNull();

        await row.GetByRole(AriaRole.Button, new() { Name = "Delete the mapping to nickName" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and delete" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("The mapping to nickName was deleted");
        (await row.CountAsync()).ShouldBe(0);
        Find((await site.Engine.GetJobAsync(servicePrincipal, jobId, Cancellation))!.Schema).ShouldBeNull();
    }

    [Fact]
    public async Task AScopingClauseWithAnOperator_IsSavedInGraphsFilterShape()
    {
        await using var site = await PortalSite.StartAsync(users: 3, groups: 0);
        var target = await site.StartTargetAsync();
        var (servicePrincipal, jobId) = await site.AddApplicationAsync("Contoso Scoping", target);
        var page = await chromium.NewPageAsync();
        await PortalPages.SignInAsync(page, site.BaseUrl, PortalSite.AdminKey, path: PortalRoutes.ObjectMapping(servicePrincipal, Users));

        (await page.GetByText("No scoping filter: every assigned object is in scope.").CountAsync()).ShouldBe(1);
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(1366, "the page fits a 1366 px screen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a scoping filter group" }).ClickAsync();
        await page.GetByLabel("Attribute name").SelectOptionAsync("department");
        (await page.GetByLabel("Operator").Locator("option").AllInnerTextsAsync()).ShouldBe(
            ["(choose)", "&", "!&", "ENDS_WITH", "EQUALS", "Greater_Than", "Greater_Than_OR_EQUALS", "Includes", "IS FALSE", "IS NOT NULL", "IS NULL", "IS TRUE", "NOT EQUALS", "NOT REGEX MATCH", "REGEX MATCH"]);
        await page.GetByLabel("Operator").SelectOptionAsync("EQUALS");
        await page.GetByLabel("Value", new() { Exact = true }).FillAsync("Sales");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a clause to group 1" }).ClickAsync();
        // The first clause kept its values through the post that added the second.
        (await page.GetByLabel("Value", new() { Exact = true }).First.InputValueAsync()).ShouldBe("Sales");
        await page.GetByLabel("Attribute name").Nth(1).SelectOptionAsync("jobTitle");
        await page.GetByLabel("Operator").Nth(1).SelectOptionAsync("IS NOT NULL");

        // A Greater_Than with a value that is not an integer is refused at its clause.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a clause to group 1" }).ClickAsync();
        await page.GetByLabel("Attribute name").Nth(2).SelectOptionAsync("employeeId");
        await page.GetByLabel("Operator").Nth(2).SelectOptionAsync("Greater_Than");
        await page.GetByLabel("Value", new() { Exact = true }).Nth(2).FillAsync("1.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the scoping filter" }).ClickAsync();
        (await page.GetByRole(AriaRole.Group, new() { Name = "Group 1, clause 3" }).GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("1.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove clause 3 of group 1" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Save the scoping filter" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saving restarts" }).CountAsync()).ShouldBe(1);
        await PortalPages.ScreenshotAsync(page, "scoping");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and save" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "scoping filter was saved" }).CountAsync()).ShouldBe(1);

        var schema = (await site.Engine.GetJobAsync(servicePrincipal, jobId, Cancellation))!.Schema;
        var scope = schema.SynchronizationRules[0].ObjectMappings.Single(mapping => mapping.Name == Users).Scope;
        SynchronizationJson.Serialize(scope).ShouldBe("""
            {"groups":[{"name":"Scoping filter 1","clauses":[{"operatorName":"EQUALS","sourceOperandName":"department","targetOperand":{"values":["Sales"]}},{"operatorName":"IS NOT NULL","sourceOperandName":"jobTitle","targetOperand":{"values":[]}}]}],"inputFilterGroups":[],"categoryFilterGroups":[]}
            """);
        // Read back into the page: the saved clause is shown.
        await page.ReloadAsync();
        (await page.GetByLabel("Operator").First.InputValueAsync()).ShouldBe("EQUALS");
        (await page.GetByLabel("Value", new() { Exact = true }).First.InputValueAsync()).ShouldBe("Sales");
    }

    [Fact]
    public async Task AReaderSeesTheMappingsReadOnly_WithNoSaveButton_OnAPhone()
    {
        await using var site = await PortalSite.StartAsync(users: 2, groups: 0);
        var target = await site.StartTargetAsync();
        var (servicePrincipal, jobId) = await site.AddApplicationAsync("Contoso Readers", target);
        var (client, secret) = await site.App.Services.GetRequiredService<ApiClientRegistry>().AddAsync("auditor", ProvisioRoles.Reader, Cancellation);
        var version = (await site.Engine.GetJobAsync(servicePrincipal, jobId, Cancellation))!.Schema.Version;
        var page = await chromium.NewPageAsync(phone: true);
        await PortalPages.SignInAsync(page, site.BaseUrl, secret, client.ClientId, PortalRoutes.ObjectMapping(servicePrincipal, Users));

        (await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "userName" }).InnerTextAsync()).ShouldContain("userPrincipalName");
        (await page.GetByRole(AriaRole.Link, new() { Name = "Add a mapping" }).CountAsync()).ShouldBe(0);
        (await page.GetByRole(AriaRole.Button).Filter(new() { HasText = "Delete" }).CountAsync()).ShouldBe(0);
        (await page.GetByRole(AriaRole.Button, new() { Name = "Save the scoping filter" }).CountAsync()).ShouldBe(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "userName", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Edit attribute mapping" }).WaitForAsync();
        (await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).CountAsync()).ShouldBe(0);
        (await page.GetByLabel("Target attribute").IsDisabledAsync()).ShouldBeTrue();
        (await page.GetByLabel("Target attribute").InputValueAsync()).ShouldBe("userName");
        (await page.GetByLabel("Matching precedence").InputValueAsync()).ShouldBe("1");
        // The tester is for readers too: it changes nothing.
        (await page.GetByLabel("Expression to test").InputValueAsync()).ShouldBe("[userPrincipalName]");
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);

        // The form an administrator would post, from the reader's session: refused, and the schema is unchanged.
        var token = await page.EvaluateAsync<string>("() => document.querySelector('input[name=__RequestVerificationToken]').value");
        var response = await page.APIRequest.PostAsync(page.Url, new()
        {
            Form = page.APIRequest.CreateFormData().Set("_handler", "attribute-mapping").Set("__RequestVerificationToken", token)
                .Set("Edit.Type", "Constant").Set("Edit.Constant", "x").Set("Edit.Target", "userName").Set("Edit.Command", "confirm").Set("Edit.Version", version ?? ""),
        });
        (await response.TextAsync()).ShouldContain("Only an administrator can change mappings");
        (await site.Engine.GetJobAsync(servicePrincipal, jobId, Cancellation))!.Schema.Version.ShouldBe(version);
    }
}
