using System.Diagnostics;
using System.Text.Json.Nodes;
using Provisio.Scim.Client;
using Provisio.Scim.Patch;

namespace Provisio.Scim.Validation;

/// <summary>
/// What a SaaS vendor runs before connecting to Entra or Provisio: the requests Entra sends and the answers it needs
/// (reference B.2, B.3, B.5, B.7, B.9, B.11; entra-engine-and-api §1.15, §1.17), each check with what was sent, what
/// came back and what a failure means in Entra's words. Everything it creates is deleted at the end.
/// </summary>
public sealed class ScimValidator(ScimClient client)
{
    private const string Quarantine = "the job could enter quarantine (EncounteredQuarantineException)";

    private readonly List<ValidationCheck> _checks = [];
    private readonly List<ScimExchange> _all = [];
    private readonly List<(ScimResourceType Type, string Id)> _created = [];
    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private bool _abort;
    private string? _userId;
    private string? _managerId;
    private string? _groupId;

    public async Task<ValidationReport> RunAsync(CancellationToken cancellationToken)
    {
        var previous = client.Observer;
        List<ScimExchange>? current = null;
        client.Observer = exchange =>
        {
            lock (_all)
            {
                _all.Add(exchange);
                current?.Add(exchange);
            }

            previous?.Invoke(exchange);
        };

        try
        {
            foreach (var check in Checks())
            {
                current = [];
                var outcome = await RunCheckAsync(check, cancellationToken).ConfigureAwait(false);
                _checks.Add(new ValidationCheck(check.Id, check.Title, outcome.Status, outcome.Message, check.Consequence, current));
            }
        }
        finally
        {
            current = null;
            await CleanUpAsync(cancellationToken).ConfigureAwait(false);
            client.Observer = previous;
        }

        return new ValidationReport(client.BaseAddress, client.Dialect == ScimDialect.Default ? "default" : ScimDialects.FlagName, _checks);
    }

    private async Task<Outcome> RunCheckAsync(Check check, CancellationToken cancellationToken)
    {
        if (_abort && check.Id != "connection.empty-query")
        {
            return new Outcome(ValidationStatus.Skip, "Not run: the target could not be reached or rejected the credentials.");
        }

        var missing = check.DependsOn.FirstOrDefault(dependency =>
            _checks.FirstOrDefault(done => done.Id == dependency) is not { Status: ValidationStatus.Pass or ValidationStatus.Warn });
        if (missing is not null)
        {
            return new Outcome(ValidationStatus.Skip, $"Not run: {missing} did not pass.");
        }

        try
        {
            var outcome = await check.Body(cancellationToken).ConfigureAwait(false);
            return check.OnlyWarn && outcome.Status == ValidationStatus.Fail ? outcome with { Status = ValidationStatus.Warn } : outcome;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome(ValidationStatus.Fail, "The check timed out.");
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or OperationCanceledException))
        {
            // A bug of the validator's, reported as a failed check rather than a crash.
            return new Outcome(ValidationStatus.Fail, $"The check could not be completed ({exception.GetType().Name}: {exception.Message}).");
        }
    }

    private IEnumerable<Check> Checks()
    {
        var userName = $"provisio.validator.{_run}@example.com";
        var externalId = $"pv-{_run}";
        var email = $"work.{_run}@example.com";
        var groupName = $"Provisio validator {_run}";
        var flagOnly = client.Dialect == ScimDialect.AadOptScim062020;

        yield return new("connection.empty-query", "Test Connection: a query for a user that does not exist",
            $"Entra's Test Connection fails and provisioning cannot start; in a cycle Entra logs SystemForCrossDomainIdentityManagementBadResponse and {Quarantine}.",
            async cancellationToken =>
            {
                var result = await client.TestConnectionAsync("userName", cancellationToken).ConfigureAwait(false);
                if (result.Succeeded)
                {
                    return Pass("200 with an empty ListResponse, as Entra expects.");
                }

                _abort = result.Failure.Code is ScimErrorCodes.CredentialsInvalid or ScimErrorCodes.EndpointUnreachable
                    or ScimErrorCodes.TlsFailure or ScimErrorCodes.TokenRequestFailed or ScimErrorCodes.Timeout;
                return Fail(result.Failure);
            });

        yield return Discovery("discovery.service-provider-config", "ServiceProviderConfig", "ServiceProviderConfig");
        yield return Discovery("discovery.resource-types", "ResourceTypes", "ResourceTypes");
        yield return Discovery("discovery.schemas", "Schemas", "Schemas");

        JsonObject? created = null;
        yield return new("user.create", "Create a user as Entra does (POST /Users)",
            "Entra cannot create users: every new user fails with the target's error and is retried; many failures put the job in quarantine (EncounteredEscrowProportionThreshold).",
            async cancellationToken =>
            {
                var result = await client.CreateAsync(ScimResourceType.User, NewUser(userName, externalId, email, "givenName", "familyName"), cancellationToken).ConfigureAwait(false);
                if (!result.Succeeded)
                {
                    return Fail(result.Failure);
                }

                created = result.Value;
                _userId = ScimJson.Text(result.Value!["id"])!;
                _created.Add((ScimResourceType.User, _userId));
                return Pass($"201 with id \"{_userId}\".");
            });

        yield return new("user.create.values", "The created user holds the values as they were sent",
            "Entra compares what it sent with what it reads back; values stored in another format cause an update on every cycle.",
            _ =>
            {
                var differences = Differences(created!, ("userName", userName), ("externalId", externalId),
                    ("emails[type eq \"work\"].value", email), ("name.givenName", "givenName"), ("active", "true"));
                return Task.FromResult(differences.Count == 0 ? Pass("userName, externalId, work e-mail, name and active read back as sent.")
                    : Fail("The created user differs from what was sent: " + string.Join("; ", differences)));
            }, "user.create");

        yield return new("user.get", "Read the user by id (GET /Users/{id})",
            "Entra reads a user by its cached id before updating it; without this every update fails.",
            async cancellationToken =>
            {
                var result = await client.GetAsync(ScimResourceType.User, _userId!, cancellationToken).ConfigureAwait(false);
                return !result.Succeeded ? Fail(result.Failure)
                    : ScimJson.Text(result.Value!["userName"]) == userName ? Pass("200 with the user.") : Fail("The user read back has another userName.");
            }, "user.create");

        yield return Match("user.filter.userName", "Match the user by userName", "userName", userName, "user.create");
        yield return Match("user.filter.externalId", "Match the user by externalId", "externalId", externalId, "user.create");
        yield return Match("user.filter.email", "Match the user by work e-mail (emails[type eq \"work\"].value)", "emails[type eq \"work\"].value", email, "user.create");
        yield return Match("user.filter.attribute-case", "Attribute names in filters are case-insensitive (USERNAME eq ...)", "USERNAME", userName, "user.create");

        yield return new("user.filter.none", "A query that matches none of the existing users returns none",
            $"A target that ignores filters makes Entra match the wrong user or log SystemForCrossDomainIdentityManagementMultipleEntriesInResponse, and {Quarantine}.",
            async cancellationToken =>
            {
                var result = await client.QueryAsync(ScimResourceType.User, ScimClient.Equality("userName", $"nobody.{Guid.NewGuid():N}@example.com"), null, null, null, cancellationToken).ConfigureAwait(false);
                return !result.Succeeded ? Fail(result.Failure)
                    : result.Value!.TotalResults != 0 || result.Value.Resources.Count != 0
                        ? Fail($"userName eq \"<a name nobody has>\" returned {result.Value.Resources.Count} resource(s) (totalResults {result.Value.TotalResults}): the target ignores the filter.")
                        : Pass("200 with an empty ListResponse.");
            }, "user.create");

        yield return new("user.duplicate", "A second user with the same userName is refused with 409",
            "Entra relies on 409 to recognise a duplicate (EntryConflict); a target that accepts duplicates ends up with two accounts for one person.",
            async cancellationToken =>
            {
                var result = await client.CreateAsync(ScimResourceType.User, NewUser(userName, externalId + "-2", "dup." + email, "givenName", "familyName"), cancellationToken).ConfigureAwait(false);
                if (result.Succeeded)
                {
                    _created.Add((ScimResourceType.User, ScimJson.Text(result.Value!["id"])!));
                    return Fail("The target created a second user with the same userName (201) instead of answering 409.");
                }

                return result.Failure.Code == ScimErrorCodes.EntryConflict
                    ? Pass($"{result.Failure.HttpStatus} {(result.Failure.ScimType is { } type ? $"(scimType {type})" : string.Empty)}".Trim() + ", as Entra expects.")
                    : Fail(result.Failure);
            }, "user.create");

        yield return Patch("user.patch.replace", "Replace a multi-valued and a single-valued attribute (reference B.3.4)",
            ScimDialect.Default, [ScimChange.Replace("emails[type eq \"work\"].value", "updated." + email), ScimChange.Replace("name.familyName", "updatedFamilyName")],
            [("emails[type eq \"work\"].value", "updated." + email), ("name.familyName", "updatedFamilyName")], warnOnly: flagOnly);

        yield return Patch("user.patch.add", "Add a single-value string attribute (nickName)", client.Dialect,
            [ScimChange.Add("nickName", "Babs")], [("nickName", "Babs")]);

        yield return Patch("user.patch.add-filtered", "Add to a filtered path that matches nothing yet (phoneNumbers[type eq \"mobile\"].value)",
            client.Dialect, [ScimChange.Add("phoneNumbers[type eq \"mobile\"].value", "+1 555 0100")], [("phoneNumbers[type eq \"mobile\"].value", "+1 555 0100")]);

        yield return Patch("user.patch.extension", "Add an enterprise extension attribute (department)", client.Dialect,
            [ScimChange.Add(ScimSchemas.EnterpriseUser + ":department", "Tech Infrastructure")], [(ScimSchemas.EnterpriseUser + ":department", "Tech Infrastructure")]);

        yield return Patch("user.patch.path-less", "Replace several attributes in one path-less operation (aadOptscim062020)",
            ScimDialect.AadOptScim062020, [ScimChange.Replace("displayName", "Pvlo " + _run), ScimChange.Replace("name.givenName", "Gtfd")],
            [("displayName", "Pvlo " + _run), ("name.givenName", "Gtfd")], warnOnly: !flagOnly);

        yield return new("user.patch.op-case", "PATCH op in any casing (\"REPLACE\")",
            "Entra sends Add/Replace/Remove, the flag add/replace/remove; a target that matches op case-sensitively fails every update.",
            async cancellationToken =>
            {
                var body = ScimPatchWriter.Write([ScimChange.Replace("title", "Validator")], ScimDialect.Default);
                body["Operations"]![0]!["op"] = "REPLACE";
                return await PatchAndVerifyAsync(body, [("title", "Validator")], cancellationToken).ConfigureAwait(false);
            }, "user.create");

        yield return Patch("user.patch.disable", "Disable with the string \"False\" (default dialect)", ScimDialect.Default,
            [ScimChange.Replace("active", JsonValue.Create(false))], [("active", "false")], warnOnly: flagOnly);

        yield return new("user.inactive-returned", "A disabled user is still returned by a query",
            "Entra would not find the disabled user, create a duplicate when it comes back in scope, or log a matching failure.",
            async cancellationToken =>
            {
                var result = await client.FindUserAsync("userName", userName, cancellationToken).ConfigureAwait(false);
                return !result.Succeeded ? Fail(result.Failure)
                    : result.Value is null ? Fail("The disabled user is no longer returned by userName eq.")
                    : Pass("The disabled user is returned.");
            }, "user.patch.disable");

        yield return Patch("user.patch.enable", "Enable with a JSON boolean (aadOptscim062020)", ScimDialect.AadOptScim062020,
            [ScimChange.Replace("active", JsonValue.Create(true))], [("active", "true")], warnOnly: !flagOnly);

        yield return new("user.create.second", "Create a second user (the manager, and a second group member)",
            "Entra creates every user in scope; see user.create.",
            async cancellationToken =>
            {
                var manager = await client.CreateAsync(ScimResourceType.User,
                    NewUser("manager." + userName, externalId + "-m", "manager." + email, "Manager", "Person"), cancellationToken).ConfigureAwait(false);
                if (!manager.Succeeded)
                {
                    return Fail(manager.Failure);
                }

                _managerId = ScimJson.Text(manager.Value!["id"])!;
                _created.Add((ScimResourceType.User, _managerId));
                return Pass($"201 with id \"{_managerId}\".");
            }, "user.create");

        yield return new("user.manager", "Set the manager (enterprise extension manager = the manager's id)",
            "Entra logs a reference failure for every user with a manager; managers never appear in the target.",
            cancellationToken => PatchAndVerifyAsync(ScimPatchWriter.Manager(_managerId, client.Dialect),
                [(ScimSchemas.EnterpriseUser + ":manager.value", _managerId!)], cancellationToken), "user.create.second");

        yield return new("user.manager.remove", "Clear the manager with \"\"",
            "When the manager is removed in the directory, the target would keep the old manager.",
            async cancellationToken =>
            {
                var patched = await client.PatchAsync(ScimResourceType.User, _userId!, ScimPatchWriter.Manager(null, client.Dialect), cancellationToken).ConfigureAwait(false);
                if (!patched.Succeeded)
                {
                    return Fail(patched.Failure);
                }

                var read = await client.GetAsync(ScimResourceType.User, _userId!, cancellationToken).ConfigureAwait(false);
                return !read.Succeeded ? Fail(read.Failure)
                    : string.IsNullOrEmpty(Read(read.Value!, ScimSchemas.EnterpriseUser + ":manager.value")) ? Pass("The manager is gone.")
                    : Fail("The manager is still set after replacing it with \"\".");
            }, "user.manager");

        yield return new("group.create", "Create a group without members (POST /Groups)",
            "Entra cannot provision groups; every group fails and memberships never reach the target.",
            async cancellationToken =>
            {
                var body = new JsonObject
                {
                    ["schemas"] = new JsonArray(ScimSchemas.Group, "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"),
                    ["externalId"] = "pvg-" + _run,
                    ["displayName"] = groupName,
                    ["meta"] = new JsonObject { ["resourceType"] = "Group" },
                };
                var result = await client.CreateAsync(ScimResourceType.Group, body, cancellationToken).ConfigureAwait(false);
                if (!result.Succeeded)
                {
                    return Fail(result.Failure);
                }

                _groupId = ScimJson.Text(result.Value!["id"])!;
                _created.Add((ScimResourceType.Group, _groupId));
                return Pass($"201 with id \"{_groupId}\".");
            });

        yield return new("group.members.add", "Add two members in one PATCH",
            "Entra adds members in batches; a target that takes one member per request fails membership updates.",
            async cancellationToken =>
            {
                var result = await client.AddMembersAsync(_groupId!, [_userId!, _managerId!], cancellationToken).ConfigureAwait(false);
                return !result.Succeeded ? Fail(result.Failure) : await MembersAsync([_userId!, _managerId!], cancellationToken).ConfigureAwait(false);
            }, "group.create", "user.create", "user.create.second");

        yield return new("group.filter.displayName", "Match the group by displayName; members are left out",
            "Entra cannot match groups; a group returned with its members makes Entra log SystemForCrossDomainIdentityManagementMultipleEntriesInResponse.",
            async cancellationToken =>
            {
                var result = await client.FindGroupAsync("displayName", groupName, cancellationToken).ConfigureAwait(false);
                return !result.Succeeded ? Fail(result.Failure)
                    : result.Value is null ? Fail("The group is not found by displayName eq.")
                    : Pass("One group, without members.");
            }, "group.create");

        yield return new("group.excluded-members", "Read the group with excludedAttributes=members",
            "Entra reads groups without members; members in the answer make Entra log SystemForCrossDomainIdentityManagementMultipleEntriesInResponse.",
            async cancellationToken =>
            {
                var result = await client.GetAsync(ScimResourceType.Group, _groupId!, cancellationToken).ConfigureAwait(false);
                return !result.Succeeded ? Fail(result.Failure)
                    : result.Value!["members"] is JsonArray { Count: > 0 } ? Fail("The group came back with its members although excludedAttributes=members.")
                    : Pass("No members in the answer.");
            }, "group.members.add");

        yield return new("group.members.remove", "Remove a member with a value list (default dialect)",
            "Without the flag Entra removes members with {\"op\":\"Remove\",\"path\":\"members\",\"value\":[...]}; they would stay in the group.",
            async cancellationToken =>
            {
                var result = await client.PatchAsync(ScimResourceType.Group, _groupId!, ScimPatchWriter.RemoveMembers([_userId!], ScimDialect.Default), cancellationToken).ConfigureAwait(false);
                var outcome = !result.Succeeded ? Fail(result.Failure) : await MembersAsync([_managerId!], cancellationToken).ConfigureAwait(false);
                return flagOnly && outcome.Status == ValidationStatus.Fail ? outcome with { Status = ValidationStatus.Warn } : outcome;
            }, "group.members.add");

        yield return new("group.members.remove-filter", "Remove a member with members[value eq \"...\"] (aadOptscim062020)",
            "With the flag Entra removes members by path filter; they would stay in the group.",
            async cancellationToken =>
            {
                var result = await client.PatchAsync(ScimResourceType.Group, _groupId!, ScimPatchWriter.RemoveMembers([_managerId!], ScimDialect.AadOptScim062020), cancellationToken).ConfigureAwait(false);
                var outcome = !result.Succeeded ? Fail(result.Failure) : await MembersAsync([], cancellationToken).ConfigureAwait(false);
                return !flagOnly && outcome.Status == ValidationStatus.Fail ? outcome with { Status = ValidationStatus.Warn } : outcome;
            }, "group.members.add");

        yield return new("group.duplicate", "A second group with the same displayName is refused",
            "Entra requires unique group displayNames; duplicates make group matching ambiguous (SystemForCrossDomainIdentityManagementMultipleEntriesInResponse).",
            async cancellationToken =>
            {
                var body = new JsonObject { ["schemas"] = new JsonArray(ScimSchemas.Group), ["displayName"] = groupName };
                var result = await client.CreateAsync(ScimResourceType.Group, body, cancellationToken).ConfigureAwait(false);
                if (result.Succeeded)
                {
                    _created.Add((ScimResourceType.Group, ScimJson.Text(result.Value!["id"])!));
                    return new Outcome(ValidationStatus.Warn, "The target created a second group with the same displayName.");
                }

                return result.Failure.Code == ScimErrorCodes.EntryConflict ? Pass("409, as Entra expects.") : Fail(result.Failure);
            }, "group.create");

        yield return new("paging", "Page through users with startIndex and count",
            "Account discovery and large queries page with startIndex/count; a target that ignores them returns everything at once or loops.",
            async cancellationToken =>
            {
                var result = await client.QueryAsync(ScimResourceType.User, null, 1, 1, null, cancellationToken).ConfigureAwait(false);
                if (!result.Succeeded)
                {
                    return Fail(result.Failure);
                }

                var page = result.Value!;
                return page.Resources.Count > 1 ? Fail($"count=1 returned {page.Resources.Count} resources.")
                    : page.TotalResults < 2 ? Fail($"totalResults is {page.TotalResults} although at least two users exist.")
                    : page.StartIndex != 1 ? Fail($"startIndex is {page.StartIndex}, expected 1.")
                    : Pass($"One resource of {page.TotalResults}, startIndex 1.");
            }, "user.create", "user.create.second");

        yield return new("user.delete", "Delete the user, then reading it gives 404 with a SCIM error",
            "Entra cannot delete users; a user deleted in the directory stays in the target.",
            async cancellationToken =>
            {
                var deleted = await client.DeleteAsync(ScimResourceType.User, _userId!, cancellationToken).ConfigureAwait(false);
                if (!deleted.Succeeded)
                {
                    return Fail(deleted.Failure);
                }

                _created.Remove((ScimResourceType.User, _userId!));
                var read = await client.GetAsync(ScimResourceType.User, _userId!, cancellationToken).ConfigureAwait(false);
                if (read.Succeeded)
                {
                    return Fail("The deleted user can still be read.");
                }

                if (read.Failure.HttpStatus != 404)
                {
                    return Fail(read.Failure);
                }

                var body = _all.LastOrDefault()?.ResponseBody;
                return body is not null && body.Contains(ScimSchemas.Error, StringComparison.OrdinalIgnoreCase)
                    ? Pass("204, then 404 with a SCIM Error body.")
                    : new Outcome(ValidationStatus.Warn, "204, then 404, but the 404 body is not a SCIM Error message.");
            }, "user.create");

        yield return new("group.delete", "Delete the group",
            "Entra cannot delete groups; a group deleted in the directory stays in the target.",
            async cancellationToken =>
            {
                var deleted = await client.DeleteAsync(ScimResourceType.Group, _groupId!, cancellationToken).ConfigureAwait(false);
                if (!deleted.Succeeded)
                {
                    return Fail(deleted.Failure);
                }

                _created.Remove((ScimResourceType.Group, _groupId!));
                return Pass("204.");
            }, "group.create");

        yield return new("response.content-type", "Responses are application/scim+json",
            "Entra logs SystemForCrossDomainIdentityManagementBadResponse for answers of another content type.",
            _ =>
            {
                var bodies = _all.Where(exchange => exchange.Status is >= 200 and < 300 && !string.IsNullOrWhiteSpace(exchange.ResponseBody)).ToList();
                var wrong = bodies.Where(exchange => exchange.ContentType is not (ScimSchemas.MediaType or "application/json")).ToList();
                var json = bodies.Count(exchange => exchange.ContentType == "application/json");
                return Task.FromResult(wrong.Count > 0 ? Fail($"{wrong.Count} answer(s) had content type {wrong[0].ContentType ?? "(none)"}.")
                    : json > 0 ? new Outcome(ValidationStatus.Warn, $"{json} answer(s) were application/json; SCIM specifies application/scim+json.")
                    : bodies.Count == 0 ? new Outcome(ValidationStatus.Skip, "No answer with a body to look at.")
                    : Pass($"All {bodies.Count} answers with a body were application/scim+json."));
            });

        yield return new("response.time", "Every answer arrived within 60 seconds",
            "Entra gives up after 60 seconds and logs Timeout; slow answers make cycles long and can quarantine the job.",
            _ =>
            {
                var slowest = _all.Count == 0 ? TimeSpan.Zero : _all.Max(exchange => exchange.Duration);
                var timedOut = _all.Count(exchange => exchange.Failure?.Code == ScimErrorCodes.Timeout);
                return Task.FromResult(timedOut > 0 ? Fail($"{timedOut} request(s) timed out.")
                    : slowest > TimeSpan.FromSeconds(5) ? new Outcome(ValidationStatus.Warn, $"The slowest answer took {slowest.TotalSeconds:0.0} s.")
                    : Pass($"The slowest of {_all.Count} answers took {slowest.TotalMilliseconds:0} ms."));
            });
    }

    private Check Discovery(string id, string title, string path) => new(id, $"Discovery: GET /{title}",
        "Entra uses schema discovery for gallery applications; without it attributes must be entered by hand.",
        async cancellationToken =>
        {
            var result = await client.GetDiscoveryAsync(path, cancellationToken).ConfigureAwait(false);
            return result.Succeeded ? Pass($"200 with a {title} document.") : Fail(result.Failure);
        }) { OnlyWarn = true };

    private Check Match(string id, string title, string attribute, string value, string dependsOn) => new(id, title,
        $"Entra matches users with this filter; if it fails, Entra cannot find existing users and creates duplicates, or logs failures and {Quarantine}.",
        async cancellationToken =>
        {
            var result = await client.FindUserAsync(attribute, value, cancellationToken).ConfigureAwait(false);
            return !result.Succeeded ? Fail(result.Failure)
                : result.Value is null ? Fail($"{ScimClient.Equality(attribute, value)} found nothing.")
                : ScimJson.Text(result.Value["id"]) != _userId ? Fail("The query returned another user.")
                : Pass("Exactly the user.");
        }, dependsOn);

    private Check Patch(string id, string title, ScimDialect dialect, IReadOnlyList<ScimChange> changes,
        IReadOnlyList<(string Path, string Expected)> expected, bool warnOnly = false) => new(id, title,
        "Entra's updates of this kind fail or are lost; users in the target drift from the directory" +
        (warnOnly ? $" (only {(dialect == ScimDialect.Default ? "without" : "with")} the aadOptscim062020 flag)." : "."),
        cancellationToken => PatchAndVerifyAsync(ScimPatchWriter.Write(changes, dialect), expected, cancellationToken),
        "user.create") { OnlyWarn = warnOnly };

    private async Task<Outcome> PatchAndVerifyAsync(JsonObject body, IReadOnlyList<(string Path, string Expected)> expected, CancellationToken cancellationToken)
    {
        var patched = await client.PatchAsync(ScimResourceType.User, _userId!, body, cancellationToken).ConfigureAwait(false);
        if (!patched.Succeeded)
        {
            return Fail(patched.Failure);
        }

        var read = await client.GetAsync(ScimResourceType.User, _userId!, cancellationToken).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            return Fail(read.Failure);
        }

        var differences = Differences(read.Value!, [.. expected]);
        return differences.Count == 0 ? Pass("Accepted and read back as sent.") : Fail("Accepted, but read back differently: " + string.Join("; ", differences));
    }

    private async Task<Outcome> MembersAsync(IReadOnlyList<string> expected, CancellationToken cancellationToken)
    {
        var read = await client.GetAsync(ScimResourceType.Group, _groupId!, excludeMembers: false, cancellationToken).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            return Fail(read.Failure);
        }

        if (read.Value!["members"] is not JsonArray members)
        {
            return expected.Count == 0 ? Pass("Accepted; the group has no members.")
                : new Outcome(ValidationStatus.Warn, "Accepted; the target does not return members, so they could not be verified.");
        }

        var actual = members.Select(member => ScimJson.Text((member as JsonObject)?["value"])).Where(value => value is not null).ToHashSet(StringComparer.Ordinal);
        return actual.SetEquals(expected) ? Pass($"Accepted; the group has {expected.Count} member(s) as expected.")
            : Fail($"Accepted, but the group's members are [{string.Join(", ", actual)}] instead of [{string.Join(", ", expected)}].");
    }

    private static JsonObject NewUser(string userName, string externalId, string email, string givenName, string familyName) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.User, ScimSchemas.EnterpriseUser),
        ["externalId"] = externalId,
        ["userName"] = userName,
        ["active"] = true,
        ["emails"] = new JsonArray(new JsonObject { ["primary"] = true, ["type"] = "work", ["value"] = email }),
        ["meta"] = new JsonObject { ["resourceType"] = "User" },
        ["name"] = new JsonObject { ["formatted"] = $"{givenName} {familyName}", ["familyName"] = familyName, ["givenName"] = givenName },
        ["roles"] = new JsonArray(),
    };

    private static List<string> Differences(JsonObject resource, params (string Path, string Expected)[] expected)
    {
        var differences = new List<string>();
        foreach (var (path, value) in expected)
        {
            var actual = Read(resource, path);
            if (!string.Equals(actual, value, StringComparison.OrdinalIgnoreCase))
            {
                differences.Add($"{path} is {(actual is null ? "absent" : $"\"{actual}\"")}, expected \"{value}\"");
            }
        }

        return differences;
    }

    private static string? Read(JsonObject resource, string path)
    {
        var parsed = Filters.AttributePath.Parse(path);
        return parsed.Succeeded ? Filters.FilterEvaluator.Resolve(resource, parsed.Path).Select(node => node is JsonObject complex && parsed.Path.SubAttribute is null ? complex["value"] : node)
            .Select(ScimJson.Text).FirstOrDefault(text => text is not null) : null;
    }

    private async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        foreach (var (type, id) in Enumerable.Reverse(_created).ToList())
        {
            await client.DeleteAsync(type, id, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Outcome Pass(string message) => new(ValidationStatus.Pass, message);

    private static Outcome Fail(string message) => new(ValidationStatus.Fail, message);

    private static Outcome Fail(ScimFailure failure) => new(ValidationStatus.Fail,
        $"{failure.Code}{(failure.HttpStatus is { } status ? $" (HTTP {status})" : string.Empty)}: {failure.Message} Fix: {failure.RecommendedAction}");

    private sealed record Outcome(ValidationStatus Status, string Message);

    private sealed record Check(string Id, string Title, string Consequence, Func<CancellationToken, Task<Outcome>> Body, params string[] DependsOn)
    {
        public bool OnlyWarn { get; init; }
    }
}
