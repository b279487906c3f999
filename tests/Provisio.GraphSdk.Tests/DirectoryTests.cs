using Microsoft.Graph;
using Microsoft.Graph.Models;

namespace Provisio.GraphSdk.Tests;

/// <summary>
/// The directory through the Microsoft Graph .NET SDK (issue 8 §4, the directory endpoints of issue 5): users and groups
/// created, listed with $filter, $select and paging (the SDK's PageIterator follows @odata.nextLink), members and
/// manager set by $ref, a deleted user restored; every answer deserializes without loss.
/// </summary>
public sealed class DirectoryTests : IAsyncLifetime
{
    private SdkHost _host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await SdkHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task UsersAndGroups_CreateListPageReferenceDeleteRestore()
    {
        var graph = _host.Graph;

        // Users and a group.
        var ids = new List<string>();
        foreach (var name in new[] { "ann", "bob", "cat", "dan", "eve" })
        {
            var created = await graph.Users.PostAsync(new User
            {
                UserPrincipalName = $"{name}@contoso.com",
                DisplayName = char.ToUpperInvariant(name[0]) + name[1..],
                MailNickname = name,
                Department = name is "ann" or "bob" ? "Sales" : "Legal",
                AccountEnabled = true,
            }, cancellationToken: Cancellation);
            created.ShouldBeLossless();
            ids.Add(created!.Id!);
        }

        var group = await graph.Groups.PostAsync(new Group { DisplayName = "Sales team", MailNickname = "sales", MailEnabled = false, SecurityEnabled = true },
            cancellationToken: Cancellation);
        group.ShouldBeLossless();

        // $filter and $select.
        var sales = await graph.Users.GetAsync(request =>
        {
            request.QueryParameters.Filter = "department eq 'Sales' and startswith(userPrincipalName,'a')";
            request.QueryParameters.Select = ["id", "displayName", "department"];
        }, Cancellation);
        sales.ShouldBeLossless();
        sales!.Value!.ShouldHaveSingleItem().DisplayName.ShouldBe("Ann");
        sales.Value[0].UserPrincipalName.ShouldBeNull("not selected");

        // Paging through @odata.nextLink with the SDK's iterator, two at a time.
        var first = await graph.Users.GetAsync(request => request.QueryParameters.Top = 2, Cancellation);
        var seen = new List<string>();
        var pages = PageIterator<User, UserCollectionResponse>.CreatePageIterator(graph, first!, user =>
        {
            seen.Add(user.UserPrincipalName!);
            return true;
        });
        await pages.IterateAsync(Cancellation);
        seen.ShouldBe(["ann@contoso.com", "bob@contoso.com", "cat@contoso.com", "dan@contoso.com", "eve@contoso.com"], ignoreOrder: true);

        // Members and manager by $ref.
        await graph.Groups[group!.Id].Members.Ref.PostAsync(new ReferenceCreate { OdataId = $"{_host.BaseUrl}/v1.0/directoryObjects/{ids[0]}" },
            cancellationToken: Cancellation);
        await graph.Users[ids[1]].Manager.Ref.PutAsync(new ReferenceUpdate { OdataId = $"{_host.BaseUrl}/v1.0/users/{ids[0]}" }, cancellationToken: Cancellation);
        var members = await graph.Groups[group.Id].Members.GetAsync(cancellationToken: Cancellation);
        members.ShouldBeLossless();
        members!.Value!.ShouldHaveSingleItem().Id.ShouldBe(ids[0]);
        var manager = await graph.Users[ids[1]].Manager.GetAsync(cancellationToken: Cancellation);
        manager.ShouldBeLossless();
        manager.ShouldBeOfType<User>().UserPrincipalName.ShouldBe("ann@contoso.com");

        // A soft delete, the deleted items, a restore.
        await graph.Users[ids[4]].DeleteAsync(cancellationToken: Cancellation);
        var deleted = await graph.Directory.DeletedItems.GraphUser.GetAsync(cancellationToken: Cancellation);
        deleted.ShouldBeLossless();
        deleted!.Value!.Select(user => user.Id).ShouldBe([ids[4]]);
        var restored = await graph.Directory.DeletedItems[ids[4]].Restore.PostAsync(cancellationToken: Cancellation);
        restored.ShouldBeLossless();
        (await graph.Users[ids[4]].GetAsync(cancellationToken: Cancellation))!.UserPrincipalName.ShouldBe("eve@contoso.com");
    }

    [Fact]
    public async Task GraphErrors_BecomeODataErrorsWithTheirCode()
    {
        // Act
        var missing = await Should.ThrowAsync<Microsoft.Graph.Models.ODataErrors.ODataError>(() =>
            _host.Graph.Users[Guid.NewGuid().ToString()].GetAsync(cancellationToken: Cancellation));
        var duplicate = await Should.ThrowAsync<Microsoft.Graph.Models.ODataErrors.ODataError>(async () =>
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                await _host.Graph.Users.PostAsync(new User { UserPrincipalName = "same@contoso.com", DisplayName = "Same", MailNickname = "same", AccountEnabled = true },
                    cancellationToken: Cancellation);
            }
        });

        var unsupported = await Should.ThrowAsync<Microsoft.Graph.Models.ODataErrors.ODataError>(() =>
            _host.Graph.Directory.DeletedItems.GraphApplication.GetAsync(cancellationToken: Cancellation));

        // Assert
        unsupported.Error!.Message!.ShouldContain("deletedItems/graph.application");
        missing.ResponseStatusCode.ShouldBe(404);
        missing.Error!.Code.ShouldBe("Request_ResourceNotFound");
        missing.Error.InnerError.ShouldNotBeNull();
        duplicate.ResponseStatusCode.ShouldBe(400);
        duplicate.Error!.Message!.ShouldContain("userPrincipalName");
    }
}
