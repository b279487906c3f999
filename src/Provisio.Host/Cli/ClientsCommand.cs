using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Provisio.Api.Authentication;

namespace Provisio.Host.Cli;

/// <summary>
/// <c>provisio clients add NAME [--role Reader|Administrator] [--json]</c>, <c>clients list [--json]</c>,
/// <c>clients remove ID</c>, each with <c>[--database ...]</c>: the API clients that may ask
/// <c>POST /oauth2/v2.0/token</c> for access tokens (client credentials). <c>add</c> prints the client id and secret
/// once; only the secret's hash is stored. Exit 0; 1 when <c>remove</c> finds no such client; 2 for an unusable
/// option or database.
/// </summary>
internal static class ClientsCommand
{
    public static Command Build(CommandLineConsole console)
    {
        var clients = new Command("clients", "Manage the API clients (OAuth 2.0 client credentials) and their roles.");
        clients.Subcommands.Add(Add(console));
        clients.Subcommands.Add(List(console));
        clients.Subcommands.Add(Remove(console));
        return clients;
    }

    private static Option<string?> DatabaseOption() =>
        new("--database") { Description = "sqlite:PATH or postgres:CONNECTION_STRING (default: Provisio:Database, else sqlite:provisio.db)." };

    private static Command Add(CommandLineConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "A display name for the client, e.g. the script or tool that uses it." };
        var role = new Option<string>("--role") { Description = "Reader (GET only, and read-only actions) or Administrator (everything).", DefaultValueFactory = _ => ProvisioRoles.Reader };
        role.AcceptOnlyFromAmong([.. ProvisioRoles.All]);
        var json = new Option<bool>("--json") { Description = "Print {\"clientId\",\"clientSecret\",\"displayName\",\"role\",\"createdDateTime\"} as one JSON line." };
        var database = DatabaseOption();
        var add = new Command("add", "Register an API client; prints its id and secret, the secret this once.") { name, role, json, database };
        add.SetAction((parseResult, cancellationToken) => WithRegistryAsync(console, parseResult.GetValue(database), async (registry, configuration) =>
        {
            var displayName = parseResult.GetValue(name)!;
            if (string.IsNullOrWhiteSpace(displayName))
            {
                await console.Error.WriteLineAsync("NAME must not be empty.".AsMemory(), cancellationToken).ConfigureAwait(false);
                return 2;
            }

            var (client, secret) = await registry.AddAsync(displayName, parseResult.GetValue(role)!, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                var line = Describe(client);
                line["clientSecret"] = secret;
                await console.Out.WriteLineAsync(line.ToJsonString().AsMemory(), cancellationToken).ConfigureAwait(false);
                return 0;
            }

            var audience = configuration[$"{ProvisioAuthenticationOptions.Section}:Audience"] is { Length: > 0 } configured ? configured : new ProvisioAuthenticationOptions().Audience;
            await console.Out.WriteLineAsync(string.Join('\n',
                $"Registered API client '{client.DisplayName}' with the role {client.Role}.",
                $"  client id:     {client.ClientId}",
                $"  client secret: {secret}",
                "The secret is shown this once; only its hash is stored.",
                $"Get a token: POST /oauth2/v2.0/token with grant_type=client_credentials, client_id, client_secret and scope={audience}/.default").AsMemory(),
                cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return add;
    }

    private static Command List(CommandLineConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print each client as one JSON line (clientId, displayName, role, createdDateTime)." };
        var database = DatabaseOption();
        var list = new Command("list", "List the API clients (never their secrets).") { json, database };
        list.SetAction((parseResult, cancellationToken) => WithRegistryAsync(console, parseResult.GetValue(database), async (registry, _) =>
        {
            var clients = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var client in clients)
            {
                var line = parseResult.GetValue(json)
                    ? Describe(client).ToJsonString()
                    : string.Create(CultureInfo.InvariantCulture, $"{client.ClientId}  {client.Role,-13}  {client.CreatedDateTime.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}  {client.DisplayName}");
                await console.Out.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            if (clients.Count == 0 && !parseResult.GetValue(json))
            {
                await console.Out.WriteLineAsync("No API clients. Add one with: provisio clients add NAME --role Reader|Administrator".AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken));
        return list;
    }

    private static Command Remove(CommandLineConsole console)
    {
        var id = new Argument<string>("ID") { Description = "The client id that 'clients add' printed." };
        var database = DatabaseOption();
        var remove = new Command("remove", "Remove an API client: its tokens stop working within 30 seconds.") { id, database };
        remove.SetAction((parseResult, cancellationToken) => WithRegistryAsync(console, parseResult.GetValue(database), async (registry, _) =>
        {
            var clientId = parseResult.GetValue(id)!;
            if (!await registry.RemoveAsync(clientId, cancellationToken).ConfigureAwait(false))
            {
                await console.Error.WriteLineAsync($"There is no API client '{clientId}' (see provisio clients list).".AsMemory(), cancellationToken).ConfigureAwait(false);
                return 1;
            }

            await console.Out.WriteLineAsync($"Removed API client {clientId}.".AsMemory(), cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return remove;
    }

    private static JsonObject Describe(ApiClient client) => new()
    {
        ["clientId"] = client.ClientId,
        ["displayName"] = client.DisplayName,
        ["role"] = client.Role,
        ["createdDateTime"] = client.CreatedDateTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
    };

    private static async Task<int> WithRegistryAsync(CommandLineConsole console, string? database, Func<ApiClientRegistry, IConfiguration, Task<int>> action,
        CancellationToken cancellationToken)
    {
        var configuration = ProvisioDatabase.Configuration();
        var opened = await ProvisioDatabase.OpenAsync(ProvisioDatabase.Choose(database, configuration), console.Error, cancellationToken).ConfigureAwait(false);
        if (opened is null)
        {
            return 2;
        }

        await using (opened.ConfigureAwait(false))
        {
            try
            {
                return await action(new ApiClientRegistry(opened.Settings, TimeProvider.System), configuration).ConfigureAwait(false);
            }
            catch (DbException exception)
            {
                await console.Error.WriteLineAsync($"{ProvisioDatabase.ConfigurationKey}: {exception.Message}".AsMemory(), cancellationToken).ConfigureAwait(false);
                return 2;
            }
        }
    }
}
