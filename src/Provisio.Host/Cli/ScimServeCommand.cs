using System.CommandLine;
using Microsoft.Extensions.Logging;
using Provisio.Scim.Server.Faults;
using Provisio.Scim.Server;

namespace Provisio.Host.Cli;

/// <summary>
/// <c>provisio scim serve --urls URL --token TOKEN [--faults PROFILE[,PROFILE...]|FILE] [--data FILE]</c>: the reference
/// SCIM server at <c>URL/scim/v2</c> and at <c>URL/</c> (../shared/INTERFACES.md), until Ctrl+C.
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

        var serve = new Command("serve", "Run the reference SCIM server, with optional fault injection.") { urls, token, faults, data, seed };
        serve.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!ScimFaults.TryReadArgument(parseResult.GetValue(faults) ?? string.Empty, out var profiles, out var faultError))
            {
                await console.Error.WriteLineAsync($"--faults: {faultError}".AsMemory(), cancellationToken).ConfigureAwait(false);
                return 2;
            }

            var options = new ScimServerOptions
            {
                Token = parseResult.GetValue(token)!,
                Faults = profiles,
                DataFile = parseResult.GetValue(data),
                FaultSeed = parseResult.GetValue(seed),
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
                await console.Out.WriteLineAsync($"SCIM server listening on {server.ScimAddress} (and {server.Address}); faults: {(profiles.Count == 0 ? "none" : string.Join(", ", profiles))}. Ctrl+C stops it.".AsMemory(), cancellationToken).ConfigureAwait(false);
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
