using System.Text.Json.Nodes;
using Provisio.Directory.Batches;
using Provisio.Directory.Generation;
using Provisio.Directory.Model;
using Provisio.Directory.Query;
using Provisio.Directory.Tests.Loading;

namespace Provisio.Directory.Tests.Generation;

public sealed class DirectoryGeneratorTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static List<DirectoryBatch> Generate(long users, int groups = 0, int members = 0, int seed = 7, int batchSize = 1_000) =>
        [.. new DirectoryGenerator(new DirectoryGeneratorOptions { Users = users, Groups = groups, MembersPerGroup = members, Seed = seed, BatchSize = batchSize }).Batches()];

    private static List<DirectoryBatchObject> Objects(List<DirectoryBatch> batches, DirectoryObjectKind kind) =>
        [.. batches.SelectMany(batch => batch.Objects).Where(item => item.Kind == kind)];

    private static string Text(DirectoryBatchObject item, string property) => item.Properties[property]!.GetValue<string>();

    private static string Describe(List<DirectoryBatch> batches) => string.Join("\n", batches.Select(batch =>
        string.Join("|", batch.Objects.Select(item => $"{item.Id} {item.Properties.ToJsonString()}"))
        + "#" + string.Join("|", batch.References.Select(reference => $"{reference.SourceId}>{reference.Relation}>{reference.TargetId}"))));

    [Fact]
    public void Batches_SameSeed_SameDirectoryIdsIncluded()
    {
        var first = Describe(Generate(2_500, groups: 15, members: 12, seed: 42));
        var second = Describe(Generate(2_500, groups: 15, members: 12, seed: 42));
        var other = Describe(Generate(2_500, groups: 15, members: 12, seed: 43));

        second.ShouldBe(first);
        other.ShouldNotBe(first);
    }

    [Fact]
    public void Batches_MoreUsers_SameFirstUsers()
    {
        var fewer = Objects(Generate(300), DirectoryObjectKind.User);
        var more = Objects(Generate(600), DirectoryObjectKind.User);

        more.Take(300).Select(item => (item.Id, item.Properties.ToJsonString())).ShouldBe(fewer.Select(item => (item.Id, item.Properties.ToJsonString())));
    }

    [Fact]
    public void Batches_ManyUsers_UniquePrincipalNamesNumberedOnCollision()
    {
        // More users than name combinations, so names repeat and get numbers.
        var users = Objects(Generate(GeneratedPeople.Combinations.Count * 3), DirectoryObjectKind.User);

        users.Select(user => Text(user, "userPrincipalName")).Distinct(StringComparer.OrdinalIgnoreCase).Count().ShouldBe(users.Count);
        users.Select(user => Text(user, "mailNickname")).Distinct(StringComparer.OrdinalIgnoreCase).Count().ShouldBe(users.Count);
        users.Select(user => user.Id).Distinct().Count().ShouldBe(users.Count);
        users.ShouldContain(user => Text(user, "mailNickname").EndsWith('3'));
        users.ShouldAllBe(user => Text(user, "mail") == Text(user, "userPrincipalName"));
    }

    [Fact]
    public void Batches_Users_NamesKeepDiacriticsPrincipalNamesAreAscii()
    {
        var users = Objects(Generate(3_000), DirectoryObjectKind.User);
        var names = users.Select(user => Text(user, "displayName")).ToList();

        foreach (var letter in new[] { 'ë', 'Å', 'é', 'Ł', 'ø', 'Ç', 'ñ', 'ü', 'ş', 'ễ' })
        {
            names.ShouldContain(name => name.Contains(letter), $"no generated name has '{letter}'");
        }

        users.ShouldAllBe(user => Text(user, "userPrincipalName").All(character => char.IsAscii(character) && !char.IsWhiteSpace(character)));
        users.ShouldAllBe(user => Text(user, "displayName") == $"{Text(user, "givenName")} {Text(user, "surname")}");
    }

    [Fact]
    public void Batches_Users_CarryTheProvisioningProperties()
    {
        var user = Objects(Generate(50), DirectoryObjectKind.User)[20];

        foreach (var property in new[] { "department", "jobTitle", "employeeId", "city", "country", "usageLocation", "companyName", "employeeHireDate" })
        {
            Text(user, property).ShouldNotBeNullOrWhiteSpace(property);
        }

        user.Properties["accountEnabled"]!.GetValueKind().ShouldBeOneOf(System.Text.Json.JsonValueKind.True, System.Text.Json.JsonValueKind.False);
        GraphProperties.User.Check(user.Properties).ShouldBeNull();
    }

    [Fact]
    public void Batches_Managers_EveryUserButTheTopHasAManagerWrittenNoLater()
    {
        var batches = Generate(5_000, batchSize: 700);
        var written = new HashSet<Guid>();
        var managed = new HashSet<Guid>();

        foreach (var batch in batches)
        {
            written.UnionWith(batch.Objects.Select(item => item.Id!.Value));
            foreach (var reference in batch.References)
            {
                reference.Relation.ShouldBe(DirectoryRelation.Manager);
                written.ShouldContain(reference.TargetId, "a manager comes in the same or an earlier batch");
                reference.TargetId.ShouldNotBe(reference.SourceId);
                managed.Add(reference.SourceId).ShouldBeTrue("one manager per user");
            }
        }

        managed.Count.ShouldBe(4_999);
        written.Except(managed).Count().ShouldBe(1);
    }

    [Fact]
    public void Batches_Groups_UniqueNamesAndExactlyTheMembersAsked()
    {
        var batches = Generate(3_000, groups: 300, members: 25);
        var users = Objects(batches, DirectoryObjectKind.User).Select(user => user.Id!.Value).ToHashSet();
        var groups = Objects(batches, DirectoryObjectKind.Group);
        var members = batches.SelectMany(batch => batch.References).Where(reference => reference.Relation == DirectoryRelation.Member)
            .GroupBy(reference => reference.SourceId).ToDictionary(group => group.Key, group => group.Select(reference => reference.TargetId).ToList());

        groups.Count.ShouldBe(300);
        groups.Select(group => Text(group, "displayName")).Distinct(StringComparer.OrdinalIgnoreCase).Count().ShouldBe(300);
        groups.Select(group => Text(group, "mailNickname")).Distinct(StringComparer.OrdinalIgnoreCase).Count().ShouldBe(300);
        groups.ShouldAllBe(group => GraphProperties.Group.Check(group.Properties) == null);
        foreach (var group in groups)
        {
            members[group.Id!.Value].Count.ShouldBe(25);
            members[group.Id!.Value].Distinct().Count().ShouldBe(25);
            members[group.Id!.Value].ShouldAllBe(member => users.Contains(member));
        }
    }

    [Fact]
    public void Batches_FewerUsersThanMembersPerGroup_EveryUserOnce()
    {
        var batches = Generate(7, groups: 2, members: 30);

        var members = batches.SelectMany(batch => batch.References).Where(reference => reference.Relation == DirectoryRelation.Member).ToList();

        members.Count.ShouldBe(14);
        members.GroupBy(reference => reference.SourceId).ShouldAllBe(group => group.Select(reference => reference.TargetId).Distinct().Count() == 7);
    }

    [Fact]
    public void Batches_LargeGroups_StayWithinTheBatchLimits()
    {
        var batches = Generate(2_000, groups: 10, members: 1_500, batchSize: 500);

        batches.ShouldAllBe(batch => batch.Objects.Count <= 500 && batch.Objects.Count + batch.References.Count <= 2_000);
        batches.Sum(batch => batch.References.Count(reference => reference.Relation == DirectoryRelation.Member)).ShouldBe(15_000);
    }

    [Theory]
    [InlineData(-1, 0, 0, "--users")]
    [InlineData(0, -1, 0, "--groups")]
    [InlineData(0, 0, -1, "--members-per-group")]
    public void Options_Negative_NamesTheOption(long users, int groups, int members, string option)
    {
        var errors = new DirectoryGeneratorOptions { Users = users, Groups = groups, MembersPerGroup = members }.Validate();

        errors.ShouldHaveSingleItem().ShouldStartWith(option);
    }

    [Fact]
    public async Task WriteAsync_IntoSqlite_CountsThenSameSeedAgainUpdates()
    {
        await using var temporary = await TemporaryDirectoryStore.CreateAsync();
        var options = new DirectoryGeneratorOptions { Users = 1_200, Groups = 12, MembersPerGroup = 10, Seed = 3, BatchSize = 500 };
        var reporter = new CollectingReporter();

        var first = await new DirectoryGenerator(options).WriteAsync(temporary.Store, reporter, Cancellation);
        var again = await new DirectoryGenerator(options).WriteAsync(temporary.Store, null, Cancellation);

        first.Users.Created.ShouldBe(1_200);
        first.Groups.Created.ShouldBe(12);
        first.Managers.Added.ShouldBe(1_199);
        first.Memberships.Added.ShouldBe(120);
        first.Succeeded.ShouldBeTrue();
        again.Users.Updated.ShouldBe(1_200);
        again.Users.Created.ShouldBe(0);
        again.Groups.Updated.ShouldBe(12);
        again.Managers.Unchanged.ShouldBe(1_199);
        again.Memberships.Unchanged.ShouldBe(120);
        reporter.Errors.ShouldBeEmpty();
        reporter.Progresses.Last(progress => progress.Phase == "users").Done.ShouldBe(1_200);
        (await temporary.Store.CountAsync(new DirectoryQuery { Kind = DirectoryObjectKind.User }, Cancellation)).ShouldBe(1_200);
        var group = (await temporary.Store.QueryAsync(new DirectoryQuery { Kind = DirectoryObjectKind.Group, Top = 1 }, Cancellation)).Items.Single();
        (await temporary.Store.GetReferencesAsync(group.Id, DirectoryRelation.Member, Cancellation).ToListAsync(Cancellation)).Count.ShouldBe(10);
    }
}
