using System.CommandLine;
using Microsoft.Extensions.Logging;
using Provisio.Scim.Server.Faults;
using Provisio.Scim.Server;

namespace Provisio.Host.Cli;

/// <summary>
/// <c>provisio scim serve --urls URL --token TOKEN [--faults PROFILE[,PROFILE...]|FILE] [--data FILE]
/// [--oauth-client CLIENT_ID:CLIENT_SECRET [--oauth-token-lifetime SECONDS]]</c>: the reference SCIM server at
/// <c>URL/scim/v2</c> and at <c>URL/</c> (../shared/INTERFACES.md), with an OAuth 2.0 authorization server at
/// <c>URL/oauth2/authorize</c> and <c>URL/oauth2/token</c> when a client is given, until Ctrl+C.
/// </summary>
internal static class ScimServeCommand
{
    public static Command Build(CommandLineConsole console)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen, e.g. http://127.0.0.1:8080 (several separated by ';'; port 0 picks a free one).",
            DefaultValueFactory = _ => "http://127.0.0.1:8080",
        };
        var token = new Option<string>("--token") { Description = "The bearer token clients must send.", Required = true };
        var faults = new Option<string?>("--faults")
        {
            Description = "Fault profiles: a comma list such as throttle:10,flaky:0.2, or a JSON file {\"profiles\":[...]}.",
        };
        var data = new Option<string?>("--data") { Description = "A JSON snapshot: loaded at start if it exists, saved while running and on stop." };
        var seed = new Option<int>("--seed") { Description = "Seed of the flaky profile's random numbers.", DefaultValueFactory = _ => 0 };

        var oauthClient = new Option<string?>("--oauth-client")
        {
            Description = "Enable the OAuth 2.0 authorization server (URL/oauth2/authorize, URL/oauth2/token) for this client: CLIENT_ID:CLIENT_SECRET.",
        };
        var oauthLifetime = new Option<int>("--oauth-token-lifetime")
        {
            Description = "How many seconds an issued access token is accepted (with --oauth-client).",
            DefaultValueFactory = _ => 3600,
        };

        var serve = new Command("serve", "Run the reference SCIM server, with optional fault injection and OAuth.") { urls, token, faults, data, seed, oauthClient, oauthLifetime };
        serve.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!ScimFaults.TryReadArgument(parseResult.GetValue(faults) ?? string.Empty, out var profiles, out var faultError))
            {
                await console.Error.WriteLineAsync($"--faults: {faultError}".AsMemory(), cancellationToken).ConfigureAwait(false);
                return 2;
            }

            ScimOAuthOptions? oauth = null;
            if (parseResult.GetValue(oauthClient) is { } client)
            {
                (oauth, var oauthError) = ScimOAuthOptions.Parse(client, TimeSpan.FromSeconds(parseResult.GetValue(oauthLifetime)));
                if (oauthError is not null)
                {
                    await console.Error.WriteLineAsync($"--oauth-client: {oauthError}".AsMemory(), cancellationToken).ConfigureAwait(false);
                    return 2;
                }
            }
            else if (parseResult.GetResult(oauthLifetime) is { Implicit: false })
            {
                await console.Error.WriteLineAsync("--oauth-token-lifetime needs --oauth-client CLIENT_ID:CLIENT_SECRET.".AsMemory(), cancellationToken).ConfigureAwait(false);
                return 2;
            }

            var options = new ScimServerOptions
            {
                Token = parseResult.GetValue(token)!,
                Faults = profiles,
                DataFile = parseResult.GetValue(data),
                FaultSeed = parseResult.GetValue(seed),
                OAuth = oauth,
            };
            if (options.Validate() is { Count: > 0 } errors)
            {
                foreach (var error in errors)
                {
                    await console.Error.WriteLineAsync(error.AsMemory(), cancellationToken).ConfigureAwait(false);
                }

                return 2;
            }

            ScimServer server;
            try
            {
                server = ScimServer.Create(options, parseResult.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    builder => builder.Logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Information)
                        .AddFilter("Microsoft.AspNetCore", LogLevel.Warning));
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidDataException)
            {
                await console.Error.WriteLineAsync(exception.Message.AsMemory(), cancellationToken).ConfigureAwait(false);
                return 2;
            }

            await using (server.ConfigureAwait(false))
            {
                await server.StartAsync(cancellationToken).ConfigureAwait(false);
                await console.Out.WriteLineAsync($"SCIM server listening on {server.ScimAddress} (and {server.Address}); faults: {(profiles.Count == 0 ? "none" : string.Join(", ", profiles))}{(oauth is null ? "" : $"; OAuth client {oauth.ClientId} at {server.AuthorizationEndpoint} and {server.TokenEndpoint}")}. Ctrl+C stops it.".AsMemory(), cancellationToken).ConfigureAwait(false);
                await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Ctrl+C or SIGTERM: stop and save.
                }

                await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return 0;
        });
        return serve;
    }
}
