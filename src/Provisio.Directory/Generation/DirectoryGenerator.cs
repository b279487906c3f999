using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Provisio.Directory.Batches;
using Provisio.Directory.Loading;
using Provisio.Directory.Model;

namespace Provisio.Directory.Generation;

/// <summary>
/// A synthetic directory for demos and benchmarks (issue 5 §3 "Bulk loading"): users with realistic names (diacritics
/// included) in a manager hierarchy, spread over departments, offices and titles; groups per department and team with
/// members drawn from the users. Everything, ids included, follows from the options, so generating again with the same
/// seed updates the same objects instead of adding new ones. It streams: no more than a batch is held at a time.
/// </summary>
public sealed class DirectoryGenerator
{
    private const ulong UserStream = 0x5553_4552;
    private const ulong GroupStream = 0x4752_4F55_50;
    private static readonly DateTime FirstHireDate = new(2005, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly DirectoryGeneratorOptions _options;
    private readonly GeneratedPeople _people;
    private readonly OrganizationChart _chart;

    public DirectoryGenerator(DirectoryGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _options = options;
        _people = new GeneratedPeople(options.Seed, options.Domain);
        _chart = new OrganizationChart(options.Users, GeneratedNames.Departments.Count);
    }

    /// <summary>
    /// The directory as batches: users first (each batch with its users' manager references; a manager is always in
    /// the same or an earlier batch), then groups with their member references (a large group's members may continue
    /// in the next batches).
    /// </summary>
    public IEnumerable<DirectoryBatch> Batches()
    {
        var batchSize = _options.BatchSize;
        var itemBudget = batchSize * 4;
        var objects = new List<DirectoryBatchObject>(batchSize);
        var references = new List<DirectoryReference>(batchSize);
        for (long user = 0; user < _options.Users; user++)
        {
            var id = _people.IdOf(user);
            objects.Add(new DirectoryBatchObject(DirectoryObjectKind.User, User(user), id));
            if (user > 0)
            {
                references.Add(new DirectoryReference(id, DirectoryRelation.Manager, _people.IdOf(_chart.ManagerOf(user))));
            }

            if (objects.Count == batchSize)
            {
                yield return new DirectoryBatch(objects, references);
                objects = new List<DirectoryBatchObject>(batchSize);
                references = new List<DirectoryReference>(batchSize);
            }
        }

        if (objects.Count > 0)
        {
            yield return new DirectoryBatch(objects, references);
            objects = new List<DirectoryBatchObject>(batchSize);
            references = new List<DirectoryReference>(batchSize);
        }

        var displayNames = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var mailNicknames = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var group = 0; group < _options.Groups; group++)
        {
            var random = new GeneratorRandom(_options.Seed, GroupStream, group);
            var (properties, displayName) = Group(group, ref random, displayNames, mailNicknames);
            var id = NameBasedId.For("group", displayName);
            objects.Add(new DirectoryBatchObject(DirectoryObjectKind.Group, properties, id));
            foreach (var member in Members(group, random))
            {
                if (objects.Count + references.Count >= itemBudget)
                {
                    yield return new DirectoryBatch(objects, references);
                    objects = new List<DirectoryBatchObject>(batchSize);
                    references = new List<DirectoryReference>(batchSize);
                }

                references.Add(new DirectoryReference(id, DirectoryRelation.Member, _people.IdOf(member)));
            }

            if (objects.Count == batchSize || objects.Count + references.Count >= itemBudget)
            {
                yield return new DirectoryBatch(objects, references);
                objects = new List<DirectoryBatchObject>(batchSize);
                references = new List<DirectoryReference>(batchSize);
            }
        }

        if (objects.Count + references.Count > 0)
        {
            yield return new DirectoryBatch(objects, references);
        }
    }

    /// <summary>
    /// Writes <see cref="Batches"/> into the store, generating the next batch while the store writes the current one.
    /// A refused batch is reported (its objects counted as failed) and the next one goes on.
    /// </summary>
    public async Task<DirectoryLoadCounts> WriteAsync(IDirectoryStore store, IDirectoryLoadReporter? reporter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var counts = new DirectoryLoadCounts();
        var channel = Channel.CreateBounded<DirectoryBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => ProduceAsync(channel.Writer, stopping.Token), stopping.Token);
        try
        {
            long usersDone = 0, groupsDone = 0;
            await foreach (var batch in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var result = await store.WriteBatchAsync(batch, cancellationToken).ConfigureAwait(false);
                var kind = batch.Objects.Count > 0 ? batch.Objects[0].Kind
                    : batch.References[0].Relation == DirectoryRelation.Manager ? DirectoryObjectKind.User : DirectoryObjectKind.Group;
                Count(batch, result, counts, reporter);
                if (kind == DirectoryObjectKind.User)
                {
                    usersDone += batch.Objects.Count;
                    reporter?.Progress(new DirectoryLoadProgress("users", usersDone, _options.Users));
                }
                else
                {
                    groupsDone += batch.Objects.Count;
                    reporter?.Progress(new DirectoryLoadProgress("groups", groupsDone, _options.Groups));
                }
            }
        }
        finally
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // stopped on purpose: the consumer finished or failed
            }
        }

        return counts;
    }

    private async Task ProduceAsync(ChannelWriter<DirectoryBatch> writer, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var batch in Batches())
            {
                await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            }

            writer.Complete();
        }
        catch (Exception exception)
        {
            writer.Complete(exception);
            throw;
        }
    }

    private static void Count(DirectoryBatch batch, DirectoryBatchResult result, DirectoryLoadCounts counts, IDirectoryLoadReporter? reporter)
    {
        if (result.Written)
        {
            if (batch.Objects.Count > 0)
            {
                var objects = counts.For(batch.Objects[0].Kind);
                objects.Created += result.Created;
                objects.Updated += result.Updated;
            }

            if (batch.References.Count > 0)
            {
                var references = counts.For(batch.References[0].Relation);
                references.Added += result.ReferencesAdded;
                references.Unchanged += batch.References.Count - result.ReferencesAdded;
            }

            return;
        }

        foreach (var error in result.ObjectErrors)
        {
            var item = batch.Objects[error.Index];
            var name = item.Properties[item.Kind == DirectoryObjectKind.User ? "userPrincipalName" : "displayName"]?.ToString();
            reporter?.Error(new DirectoryLoadError(null, $"{item.Kind.ToString().ToLowerInvariant()} '{name}': {error.Error.Message}"));
        }

        foreach (var error in result.ReferenceErrors)
        {
            var reference = batch.References[error.Index];
            reporter?.Error(new DirectoryLoadError(null,
                $"{reference.Relation.ToString().ToLowerInvariant()} {reference.TargetId} of {reference.SourceId}: {error.Error.Message}"));
        }

        counts.BadRows += result.ObjectErrors.Count + result.ReferenceErrors.Count;
        foreach (var item in batch.Objects)
        {
            counts.For(item.Kind).Failed++;
        }

        foreach (var reference in batch.References)
        {
            counts.For(reference.Relation).Failed++;
        }
    }

    private JsonObject User(long user)
    {
        var person = _people.PersonAt(user);
        var random = new GeneratorRandom(_options.Seed, UserStream, user);
        var office = random.Pick(person.Region.Offices);
        var nickname = _people.MailNicknameOf(user);
        var principalName = $"{nickname}@{_options.Domain}";
        string department, title;
        var leader = user == 0;
        if (user == 0)
        {
            department = GeneratedNames.Executive;
            title = "Chief Executive Officer";
        }
        else
        {
            var index = _chart.DepartmentOf(user);
            var position = _chart.PositionOf(user);
            var known = GeneratedNames.Departments[index];
            department = known.Name;
            var level = OrganizationChart.LevelOf(position);
            leader = level <= 2;
            title = level switch
            {
                0 => $"Vice President, {department}",
                1 => $"Director, {department}",
                2 => $"{department} Manager",
                _ when _chart.HasReports(index, position) => $"Team Lead, {department}",
                _ => random.Pick(known.Titles),
            };
        }

        var type = random.Next(100);
        var hired = FirstHireDate.AddDays(random.Next(7300));
        var phone = string.Create(CultureInfo.InvariantCulture, $"+{office.CallingCode} {100 + random.Next(900)} {1000 + random.Next(9000)}");
        return new JsonObject(DirectoryRules.NodeOptions)
        {
            ["userPrincipalName"] = principalName,
            ["mail"] = principalName,
            ["mailNickname"] = nickname,
            ["displayName"] = $"{person.GivenName} {person.Surname}",
            ["givenName"] = person.GivenName,
            ["surname"] = person.Surname,
            ["department"] = department,
            ["jobTitle"] = title,
            ["companyName"] = GeneratedNames.CompanyName,
            ["employeeId"] = (user + 1).ToString("D6", CultureInfo.InvariantCulture),
            ["employeeType"] = leader || type < 90 ? "Employee" : type < 98 ? "Contractor" : "Intern",
            ["employeeHireDate"] = hired.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["accountEnabled"] = leader || !random.Chance(3),
            ["businessPhones"] = new JsonArray(phone),
            ["city"] = office.City,
            ["country"] = office.Country,
            ["usageLocation"] = office.UsageLocation,
            ["preferredLanguage"] = office.PreferredLanguage,
        };
    }

    private (JsonObject Properties, string DisplayName) Group(int group, ref GeneratorRandom random,
        Dictionary<string, int> displayNames, Dictionary<string, int> mailNicknames)
    {
        var department = GeneratedNames.Departments[group % GeneratedNames.Departments.Count].Name;
        string name, nickname;
        if (group < GeneratedNames.Departments.Count)
        {
            name = $"All {department}";
            nickname = $"all-{MailName.Fold(department)}";
        }
        else
        {
            var team = random.Pick(GeneratedNames.Teams);
            name = $"{department} {team}";
            nickname = $"{MailName.Fold(department)}-{MailName.Fold(team)}";
        }

        // Neither base ends in a digit, so a numbered name never equals another base.
        var displayName = Numbered(displayNames, name, " ");
        var mailNickname = Numbered(mailNicknames, nickname, string.Empty);
        var unified = group % 4 == 3;
        var properties = new JsonObject(DirectoryRules.NodeOptions)
        {
            ["displayName"] = displayName,
            ["description"] = unified ? $"Microsoft 365 group of {displayName}" : $"Security group of {displayName}",
            ["mailNickname"] = mailNickname,
            ["securityEnabled"] = !unified,
            ["mailEnabled"] = unified,
            ["groupTypes"] = unified ? new JsonArray("Unified") : new JsonArray(),
        };
        if (unified)
        {
            properties["mail"] = $"{mailNickname}@{_options.Domain}";
        }

        return (properties, displayName);
    }

    /// <summary>
    /// The group's members: <see cref="DirectoryGeneratorOptions.MembersPerGroup"/> distinct users (all of them when
    /// there are fewer), from the group's department when it has enough people, stepping through them with a stride
    /// coprime to their number from a random start, so they never repeat.
    /// </summary>
    private IEnumerable<long> Members(int group, GeneratorRandom random)
    {
        var count = Math.Min(_options.MembersPerGroup, _options.Users);
        var department = group % GeneratedNames.Departments.Count;
        var inDepartment = _chart.UsersIn(department) >= count;
        var pool = inDepartment ? _chart.UsersIn(department) : _options.Users;
        if (count == 0 || pool == 0)
        {
            yield break;
        }

        var start = random.Next(pool);
        var stride = CoprimeStride(pool, ref random);
        for (long member = 0; member < count; member++)
        {
            var position = (start + (member * stride)) % pool;
            yield return inDepartment ? _chart.UserAt(department, position) : position;
        }
    }

    private static long CoprimeStride(long size, ref GeneratorRandom random)
    {
        if (size <= 2)
        {
            return 1;
        }

        var stride = 1 + random.Next(size - 1);
        while (GreatestCommonDivisor(stride, size) != 1)
        {
            stride = stride == size - 1 ? 1 : stride + 1;
        }

        return stride;
    }

    private static long GreatestCommonDivisor(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private static string Numbered(Dictionary<string, int> used, string name, string separator)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(used, name, out _);
        count++;
        return count == 1 ? name : string.Create(CultureInfo.InvariantCulture, $"{name}{separator}{count}");
    }
}
