using System.Text;
using Provisio.Directory.Import;
using Provisio.Directory.Model;
using Provisio.Directory.Query;
using Provisio.Directory.Tests.Loading;

namespace Provisio.Directory.Tests.Import;

/// <summary>Imports into a real SQLite directory and reads the result back through the store.</summary>
public sealed class DirectoryImporterTests : IAsyncLifetime
{
    private TemporaryDirectoryStore _temporary = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private IDirectoryStore Store => _temporary.Store;

    public async ValueTask InitializeAsync() => _temporary = await TemporaryDirectoryStore.CreateAsync();

    public async ValueTask DisposeAsync() => await _temporary.DisposeAsync();

    private async Task<(DirectoryImportResult Result, CollectingReporter Reporter)> ImportAsync(string content, int batchSize = 5_000,
        DirectoryImportKind? kind = null, bool byteOrderMark = false)
    {
        var path = Path.Combine(_temporary.Folder, $"{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, content, new UTF8Encoding(byteOrderMark), Cancellation);
        var reporter = new CollectingReporter();
        var result = await new DirectoryImporter(Store, new DirectoryImportOptions { BatchSize = batchSize, Kind = kind })
            .ImportAsync(() => File.OpenRead(path), reporter, Cancellation);
        return (result, reporter);
    }

    private async Task<DirectoryObject> UserAsync(string principalName) =>
        (await Store.FindUserByPrincipalNameAsync(principalName, Cancellation)).ShouldNotBeNull($"{principalName} was not imported");

    private async Task<Guid?> ManagerOfAsync(string principalName) =>
        (await Store.GetReferencesAsync((await UserAsync(principalName)).Id, DirectoryRelation.Manager, Cancellation).ToListAsync(Cancellation))
            .SingleOrDefault()?.TargetId;

    private async Task<DirectoryObject?> GroupAsync(string displayName) =>
        (await Store.QueryAsync(new DirectoryQuery { Kind = DirectoryObjectKind.Group, Filter = new PropertyFilter("displayName", FilterOperator.Equal, displayName) }, Cancellation))
            .Items.SingleOrDefault();

    private async Task<List<Guid>> MembersAsync(string displayName) =>
        [.. (await Store.GetReferencesAsync((await GroupAsync(displayName))!.Id, DirectoryRelation.Member, Cancellation).ToListAsync(Cancellation)).Select(reference => reference.TargetId)];

    private Task<long> CountAsync(DirectoryObjectKind kind) => Store.CountAsync(new DirectoryQuery { Kind = kind }, Cancellation);

    private const string Users = """
        userPrincipalName,displayName,givenName,surname,accountEnabled,department,manager,proxyAddresses,businessPhones,employeeHireDate,extensionAttribute1,onPremisesExtensionAttributes.extensionAttribute15
        zoe@contoso.com,Zoë Ångström,Zoë,Ångström,true,Sales,jose@contoso.com,SMTP:zoe@contoso.com;smtp:zoe.a@contoso.com,+46 8 555 0100,2021-03-01,A1,Z15
        jose@contoso.com,"Peña, José",José,Peña,false,Sales,lukasz@contoso.com,,,,,
        lukasz@contoso.com,Łukasz Wiśniewski,Łukasz,Wiśniewski,TRUE,Executive,,,,2019-01-15T08:30:00+01:00,,
        """;

    [Fact]
    public async Task Import_UsersCsv_PropertiesAndManagersEvenWhenTheManagerComesLater()
    {
        var (result, reporter) = await ImportAsync(Users);

        reporter.Messages.ShouldBeEmpty();
        result.Succeeded.ShouldBeTrue();
        result.Counts.Users.Created.ShouldBe(3);
        result.Counts.Managers.Added.ShouldBe(2);
        var zoe = await UserAsync("ZOE@contoso.com");
        zoe["displayName"].ShouldBe("Zoë Ångström");
        zoe.Properties["accountEnabled"]!.GetValue<bool>().ShouldBeTrue();
        zoe.Properties["proxyAddresses"]!.AsArray().Select(value => value!.GetValue<string>()).ShouldBe(["SMTP:zoe@contoso.com", "smtp:zoe.a@contoso.com"]);
        zoe.Properties["businessPhones"]!.AsArray().Single()!.GetValue<string>().ShouldBe("+46 8 555 0100");
        zoe["employeeHireDate"].ShouldBe("2021-03-01T00:00:00Z");
        zoe.Properties["onPremisesExtensionAttributes"]!["extensionAttribute1"]!.GetValue<string>().ShouldBe("A1");
        zoe.Properties["onPremisesExtensionAttributes"]!["extensionAttribute15"]!.GetValue<string>().ShouldBe("Z15");
        var jose = await UserAsync("jose@contoso.com");
        jose["displayName"].ShouldBe("Peña, José");
        jose.Properties["accountEnabled"]!.GetValue<bool>().ShouldBeFalse();
        jose.Properties.ContainsKey("proxyAddresses").ShouldBeFalse("an empty cell sets nothing");
        (await UserAsync("lukasz@contoso.com"))["employeeHireDate"].ShouldBe("2019-01-15T07:30:00Z");
        (await ManagerOfAsync("zoe@contoso.com")).ShouldBe(jose.Id);
        (await ManagerOfAsync("jose@contoso.com")).ShouldBe((await UserAsync("lukasz@contoso.com")).Id);
        (await ManagerOfAsync("lukasz@contoso.com")).ShouldBeNull();
    }

    [Fact]
    public async Task Import_SameFileTwice_UpdatesInsteadOfDuplicating()
    {
        await ImportAsync(Users);

        var (again, reporter) = await ImportAsync(Users);

        reporter.Messages.ShouldBeEmpty();
        again.Counts.Users.Created.ShouldBe(0);
        again.Counts.Users.Updated.ShouldBe(3);
        again.Counts.Managers.Added.ShouldBe(0);
        again.Counts.Managers.Unchanged.ShouldBe(2);
        (await CountAsync(DirectoryObjectKind.User)).ShouldBe(3);
    }

    [Fact]
    public async Task Import_BadRows_EachReportedByLineAndOnlyTheirBatchesLeftOut()
    {
        const string file = """
            userPrincipalName,displayName,accountEnabled,manager
            a@contoso.com,A,true,
            b@contoso.com,B,yes,a@contoso.com
            c@contoso.com,C,true,a@contoso.com
            d@contoso.com,D,false,a@contoso.com
            e@contoso.com,E,true,a@contoso.com
            f@contoso.com,F,true,nobody@contoso.com
            g@contoso.com,G,true,
            """;

        var (result, reporter) = await ImportAsync(file, batchSize: 2);

        reporter.Messages.ShouldBe([
            "line 3: column 'accountEnabled': 'yes' is not a boolean (true or false)",
            "line 4: manager 'a@contoso.com' is on line 2, which was not imported",
            "line 5: manager 'a@contoso.com' is on line 2, which was not imported",
            "line 6: manager 'a@contoso.com' is on line 2, which was not imported",
            "line 7: manager 'nobody@contoso.com' is not a user in the directory",
        ]);
        result.Succeeded.ShouldBeFalse();
        result.Counts.BadRows.ShouldBe(5);
        result.Counts.Users.Created.ShouldBe(5);
        result.Counts.Users.Failed.ShouldBe(2);
        (await Store.FindUserByPrincipalNameAsync("a@contoso.com", Cancellation)).ShouldBeNull("a shares its batch with the bad row b");
        (await Store.FindUserByPrincipalNameAsync("b@contoso.com", Cancellation)).ShouldBeNull();
        (await CountAsync(DirectoryObjectKind.User)).ShouldBe(5);
        // b's, c's, d's, e's and f's managers: none is written.
        result.Counts.Managers.Failed.ShouldBe(5);
        result.Counts.Managers.Added.ShouldBe(0);
        (await ManagerOfAsync("c@contoso.com")).ShouldBeNull();
        (await ManagerOfAsync("e@contoso.com")).ShouldBeNull();
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(5_000, true)]
    public async Task Import_ManagersBeforeOrAfterTheirReportsInAnyBatching_AllSetOnce(int batchSize, bool managersFirst)
    {
        var lines = Users.Split('\n');
        var content = string.Join('\n', managersFirst ? [lines[0], .. lines.Skip(1).Reverse()] : lines);

        var (result, reporter) = await ImportAsync(content, batchSize);

        reporter.Messages.ShouldBeEmpty();
        (result.Counts.Managers.Added, result.Counts.Managers.Unchanged, result.Counts.Managers.Failed).ShouldBe((2, 0, 0));
        (await ManagerOfAsync("zoe@contoso.com")).ShouldBe((await UserAsync("jose@contoso.com")).Id);
        (await ManagerOfAsync("jose@contoso.com")).ShouldBe((await UserAsync("lukasz@contoso.com")).Id);
        (await CountAsync(DirectoryObjectKind.User)).ShouldBe(3);
    }

    [Fact]
    public async Task Import_ManagerSoftDeletedInTheDirectory_UserWrittenAndTheManagerReportedByLine()
    {
        await ImportAsync("userPrincipalName,displayName\nboss@contoso.com,Boss\n");
        await Store.SoftDeleteAsync((await UserAsync("boss@contoso.com")).Id, Cancellation);

        var (result, reporter) = await ImportAsync("userPrincipalName,displayName,manager\nworker@contoso.com,Worker,boss@contoso.com\n");

        result.Counts.Users.Created.ShouldBe(1);
        result.Counts.Managers.Failed.ShouldBe(1);
        reporter.Messages.ShouldHaveSingleItem().ShouldStartWith("line 2: manager");
        (await ManagerOfAsync("worker@contoso.com")).ShouldBeNull();
    }

    [Fact]
    public async Task Import_UserTheirOwnManager_UsersOfTheBatchWrittenAndThatManagerReportedByLine()
    {
        var (result, reporter) = await ImportAsync("userPrincipalName,displayName,manager\nboss@contoso.com,Boss,\nself@contoso.com,Self,self@contoso.com\nok@contoso.com,Ok,boss@contoso.com\n");

        (result.Counts.Users.Created, result.Counts.Managers.Added, result.Counts.Managers.Failed).ShouldBe((3, 1, 1));
        reporter.Messages.ShouldHaveSingleItem().ShouldStartWith("line 3: manager");
        (await ManagerOfAsync("ok@contoso.com")).ShouldBe((await UserAsync("boss@contoso.com")).Id);
        (await ManagerOfAsync("self@contoso.com")).ShouldBeNull();
    }

    [Fact]
    public async Task Import_ManagerInAnEarlierImport_Resolved()
    {
        await ImportAsync("userPrincipalName,displayName\nboss@contoso.com,Boss\n");

        var (result, reporter) = await ImportAsync("userPrincipalName,displayName,manager\nworker@contoso.com,Worker,BOSS@contoso.com\n");

        reporter.Messages.ShouldBeEmpty();
        result.Counts.Managers.Added.ShouldBe(1);
        (await ManagerOfAsync("worker@contoso.com")).ShouldBe((await UserAsync("boss@contoso.com")).Id);
    }

    [Theory]
    [InlineData("userPrincipalName,displayName\nx@contoso.com,X\nbob,Bob\n", "line 3: column 'userPrincipalName': 'bob' is not a userPrincipalName (alias@domain)")]
    [InlineData("userPrincipalName,displayName\nx@contoso.com,X\nx@CONTOSO.com,Again\n", "line 3: userPrincipalName 'x@CONTOSO.com' repeats line 2")]
    [InlineData("userPrincipalName,displayName\nx@contoso.com,X\ny@contoso.com,Y,extra\n", "line 3: 3 fields, but the header has 2 columns")]
    [InlineData("userPrincipalName,employeeHireDate\nx@contoso.com,2020-01-01\ny@contoso.com,next week\n", "line 3: column 'employeeHireDate': 'next week' is not a date and time (ISO 8601, such as 2024-03-01 or 2024-03-01T09:00:00Z)")]
    [InlineData("userPrincipalName,id\nx@contoso.com,\ny@contoso.com,12\n", "line 3: column 'id': '12' is not an id (a GUID such as 6f1c2b1e-0d3a-4f7e-9a8b-2c4d5e6f7a8b)")]
    [InlineData("userPrincipalName,displayName\nx@contoso.com,X\n,Nobody\n", "line 3: no userPrincipalName: every user needs one (or the id of an existing one)")]
    [InlineData("userPrincipalName,passwordProfile\nx@contoso.com,\ny@contoso.com,secret\n", "line 3: column 'passwordProfile': 'secret' is not a JSON object")]
    [InlineData("userPrincipalName,displayName\nx@contoso.com,X\ny@contoso.com,\"Y\n", "line 3: the quoted field that starts on line 3 is not closed")]
    public async Task Import_BadValue_MessageNamesLineColumnAndWhy(string file, string message)
    {
        var (result, reporter) = await ImportAsync(file);

        reporter.Messages.ShouldBe([message]);
        result.Counts.Users.Created.ShouldBe(0);
        (await CountAsync(DirectoryObjectKind.User)).ShouldBe(0);
    }

    [Theory]
    [InlineData("userPrincipalName,favouriteColour\nx@contoso.com,red\n", "line 1: column 'favouriteColour' is not a user property (Graph's names such as displayName or jobTitle, extension_{appId}_{name}, extensionAttribute1 to extensionAttribute15, manager)")]
    [InlineData("userPrincipalName,displayname,DisplayName\nx@contoso.com,a,b\n", "line 1: column 'DisplayName' repeats column 2 ('displayname')")]
    [InlineData("userPrincipalName,extensionAttribute16\nx@contoso.com,a\n", "line 1: column 'extensionAttribute16' is not a user property (Graph's names such as displayName or jobTitle, extension_{appId}_{name}, extensionAttribute1 to extensionAttribute15, manager)")]
    [InlineData("description,mail\nx,y\n", "line 1: a groups file needs a displayName column")]
    [InlineData("", "the file is empty: a CSV import starts with a header row of property names")]
    public async Task Import_BadHeader_FileErrorAndNothingWritten(string file, string message)
    {
        var (result, reporter) = await ImportAsync(file);

        result.FileError.ShouldNotBeNull().ToString().ShouldBe(message);
        reporter.Errors.ShouldBeEmpty();
        (await CountAsync(DirectoryObjectKind.User)).ShouldBe(0);
    }

    [Fact]
    public async Task Import_ByteOrderMarkCrLfAndHeaderInAnyCase_Read()
    {
        var (result, reporter) = await ImportAsync("USERPRINCIPALNAME,DisplayName,extension_1a2b_costCenter\r\n\"q@contoso.com\",Q,CC-7\r\n", byteOrderMark: true);

        reporter.Messages.ShouldBeEmpty();
        result.Counts.Users.Created.ShouldBe(1);
        var user = await UserAsync("q@contoso.com");
        user.Properties.ContainsKey("userPrincipalName").ShouldBeTrue();
        user["displayName"].ShouldBe("Q");
        user["extension_1a2b_costCenter"].ShouldBe("CC-7");
    }

    [Fact]
    public async Task Import_GroupsCsvWithMembersAndThenMemberships_MembersVisibleAndGroupsMatchedByName()
    {
        await ImportAsync(Users);
        const string groups = """
            displayName,description,securityEnabled,mailEnabled,mailNickname,members
            Sales,Everyone in sales,true,false,sales,zoe@contoso.com;jose@contoso.com
            Leaders,,true,false,leaders,lukasz@contoso.com;Sales
            """;

        var (result, reporter) = await ImportAsync(groups);
        var (memberships, membershipErrors) = await ImportAsync("group,member\nLeaders,zoe@contoso.com\nSales,nobody@contoso.com\n");
        var (again, _) = await ImportAsync(groups);

        reporter.Messages.ShouldBeEmpty();
        result.Counts.Groups.Created.ShouldBe(2);
        result.Counts.Memberships.Added.ShouldBe(4);
        (await GroupAsync("Sales"))!["description"].ShouldBe("Everyone in sales");
        (await MembersAsync("Sales")).ShouldBe([(await UserAsync("zoe@contoso.com")).Id, (await UserAsync("jose@contoso.com")).Id], ignoreOrder: true);
        (await MembersAsync("Leaders")).ShouldBe([(await UserAsync("lukasz@contoso.com")).Id, (await GroupAsync("Sales"))!.Id], ignoreOrder: true);
        membershipErrors.Messages.ShouldBe(["line 3: member 'nobody@contoso.com' is neither a user (userPrincipalName) nor a group (displayName) in the directory"]);
        memberships.Counts.Memberships.Failed.ShouldBe(2);
        again.Counts.Groups.Updated.ShouldBe(2);
        again.Counts.Memberships.Unchanged.ShouldBe(4);
        (await CountAsync(DirectoryObjectKind.Group)).ShouldBe(2);
    }

    [Fact]
    public async Task Import_JsonUsersAndGroups_GroupsFirstStillResolve()
    {
        const string file = """
            {
              "@odata.context": "ignored",
              "groups": [
                { "displayName": "Engineering", "securityEnabled": true, "members": ["ana@contoso.com", { "userPrincipalName": "bo@contoso.com" }] }
              ],
              "users": [
                { "userPrincipalName": "ana@contoso.com", "displayName": "Ana", "accountEnabled": true, "otherMails": ["ana@example.org"],
                  "onPremisesExtensionAttributes": { "extensionAttribute3": "x" }, "manager": "bo@contoso.com", "department": null },
                { "userPrincipalName": "bo@contoso.com", "displayName": "Bo", "@odata.type": "#microsoft.graph.user" }
              ]
            }
            """;

        var (result, reporter) = await ImportAsync(file);

        reporter.Messages.ShouldBeEmpty();
        result.Counts.Users.Created.ShouldBe(2);
        result.Counts.Groups.Created.ShouldBe(1);
        result.Counts.Memberships.Added.ShouldBe(2);
        result.Counts.Managers.Added.ShouldBe(1);
        var ana = await UserAsync("ana@contoso.com");
        ana.Properties["otherMails"]!.AsArray().Single()!.GetValue<string>().ShouldBe("ana@example.org");
        ana.Properties["onPremisesExtensionAttributes"]!["extensionAttribute3"]!.GetValue<string>().ShouldBe("x");
        ana.Properties.ContainsKey("department").ShouldBeFalse();
        (await ManagerOfAsync("ana@contoso.com")).ShouldBe((await UserAsync("bo@contoso.com")).Id);
        (await MembersAsync("Engineering")).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Import_JsonArrayWithBadObjects_ReportedByTheLineTheyStart()
    {
        const string file = """
            [
              { "userPrincipalName": "ok@contoso.com", "displayName": "OK" },
              {
                "userPrincipalName": "bad@contoso.com",
                "accountEnabled": "yes",
                "shoeSize": 44
              }
            ]
            """;

        var (result, reporter) = await ImportAsync(file, batchSize: 1);

        reporter.Messages.ShouldBe([
            "line 3: property 'accountEnabled': \"yes\" is not a boolean (true or false)",
            "line 3: property 'shoeSize' is not a user property",
        ]);
        result.Counts.Users.Created.ShouldBe(1);
        result.Counts.BadRows.ShouldBe(1);
    }

    [Fact]
    public async Task Import_MalformedJson_StopsThereKeepingEarlierBatches()
    {
        var (result, reporter) = await ImportAsync("[\n{\"userPrincipalName\":\"one@contoso.com\"},\n{\"userPrincipalName\":\"two@contoso.com\"},\n{\"userPrincipalName\": tree}\n]", batchSize: 1);

        reporter.Errors.ShouldHaveSingleItem().Line.ShouldBe(4);
        reporter.Errors[0].Message.ShouldStartWith("the JSON is malformed: ");
        result.Succeeded.ShouldBeFalse();
        (await CountAsync(DirectoryObjectKind.User)).ShouldBe(2);
    }

    [Fact]
    public async Task Import_KindOverride_JsonArrayOfGroups()
    {
        var (result, reporter) = await ImportAsync("""[{"displayName":"Only group","mailNickname":"only"}]""", kind: DirectoryImportKind.Groups);

        reporter.Messages.ShouldBeEmpty();
        result.Counts.Groups.Created.ShouldBe(1);
        (await GroupAsync("Only group")).ShouldNotBeNull();
    }

    [Fact]
    public async Task Import_ManyRowsInSmallBatches_ProgressReachesTheEnd()
    {
        var file = new StringBuilder("userPrincipalName,displayName,manager\n");
        for (var i = 0; i < 1_000; i++)
        {
            file.Append(System.Globalization.CultureInfo.InvariantCulture, $"u{i}@contoso.com,User {i},{(i == 0 ? "" : $"u{(i - 1) / 5}@contoso.com")}\n");
        }

        var (result, reporter) = await ImportAsync(file.ToString(), batchSize: 64);

        reporter.Messages.ShouldBeEmpty();
        result.Counts.Users.Created.ShouldBe(1_000);
        result.Counts.Managers.Added.ShouldBe(999);
        reporter.Progresses.Last(progress => progress.Phase == "objects").Done.ShouldBe(reporter.Progresses[0].Total);
        reporter.Progresses.Last().Phase.ShouldBe("references");
        (await ManagerOfAsync("u999@contoso.com")).ShouldBe((await UserAsync("u199@contoso.com")).Id);
    }

    [Fact]
    public async Task Import_OneBatchNamingMoreUsersThanOneQueryTakes_AllResolved()
    {
        // 1,500 rows in one batch: their own names and their managers' need several lookups (DirectoryNameLookup.NamesPerQuery).
        var file = new StringBuilder("userPrincipalName,manager\n");
        for (var i = 1_499; i >= 0; i--)
        {
            file.Append(System.Globalization.CultureInfo.InvariantCulture, $"n{i}@contoso.com,{(i == 0 ? "" : $"n{i - 1}@contoso.com")}\n");
        }

        var (result, reporter) = await ImportAsync(file.ToString());

        reporter.Messages.ShouldBeEmpty();
        result.Counts.Managers.Added.ShouldBe(1_499);
        (await ManagerOfAsync("n1499@contoso.com")).ShouldBe((await UserAsync("n1498@contoso.com")).Id);
    }
}
