using System.CommandLine;
using Provisio.Host.Demo;

namespace Provisio.Host.Cli;

/// <summary>
/// <c>provisio demo [--scenario healthy|troubleshooting] [--urls URL] [--users N] [--groups N] [--target-urls URL]
/// [--database ...]</c>: the service on a SQLite file (<c>provisio-demo.db</c> unless <c>Provisio:Database</c> or
/// <c>--database</c> says otherwise), a generated directory, a "Contoso Demo" application with app roles and
/// assignments whose job syncs assigned users and groups to the reference SCIM server in-process (its data kept beside
/// the database), the first cycle with its progress in the terminal, then the addresses and the admin key. The
/// troubleshooting scenario adds one application per failure pattern of the troubleshooting guide, each with its own
/// target (<see cref="DemoApplications"/>). A second run reuses the data (the directory, the jobs, the targets'
/// accounts). Ctrl+C stops everything. Exit 2 for an unusable option.
/// </summary>
internal static class DemoCommand
{
    public const string ApplicationName = "Contoso Demo";

    public static Command Build(CommandLineConsole console)
    {
        var scenario = new Option<string>("--scenario")
        {
            Description = $"What to set up: {string.Join(" or ", DemoScenario.Known.Select(known => known.Name))} (adds an application per failure pattern of the troubleshooting guide).",
            DefaultValueFactory = _ => DemoScenario.Healthy.Name,
        };
        var urls = new Option<string?>("--urls") { Description = "Where the service listens (default http://127.0.0.1:5000)." };
        var users = new Option<int>("--users") { Description = "Users to generate on the first run.", DefaultValueFactory = _ => 2_000 };
        var groups = new Option<int>("--groups") { Description = "Groups to generate on the first run.", DefaultValueFactory = _ => 100 };
        var targetUrls = new Option<string?>("--target-urls") { Description = "Where Contoso Demo's SCIM target listens (default http://127.0.0.1:5001); the troubleshooting targets take free ports." };
        var database = new Option<string?>("--database") { Description = "sqlite:PATH or postgres:CONNECTION_STRING (default: Provisio:Database, else sqlite:provisio-demo.db)." };
        var demo = new Command("demo", "Run Provisio with a demo: a generated directory provisioned to bundled SCIM targets.") { scenario, urls, users, groups, targetUrls, database };
        demo.SetAction(async (parseResult, cancellationToken) =>
        {
            var name = parseResult.GetValue(scenario) ?? DemoScenario.Healthy.Name;
            if (DemoScenario.Find(name) is not { } chosenScenario)
            {
                await console.Error.WriteLineAsync(
                    $"Unknown --scenario '{name}': use one of {string.Join(", ", DemoScenario.Known.Select(known => known.Name))}.".AsMemory(), cancellationToken).ConfigureAwait(false);
                return 2;
            }

            var (userCount, groupCount) = (parseResult.GetValue(users), parseResult.GetValue(groups));
            if (userCount < 1 || groupCount < 0)
            {
                await console.Error.WriteLineAsync("--users must be at least 1 and --groups at least 0.".AsMemory(), cancellationToken).ConfigureAwait(false);
                return 2;
            }

            var chosen = parseResult.GetValue(database) ?? ProvisioDatabase.Configuration()["Provisio:Database"] ?? "sqlite:provisio-demo.db";
            return await new DemoRun(console, new DemoOptions
            {
                Scenario = chosenScenario,
                Urls = parseResult.GetValue(urls) ?? "http://127.0.0.1:5000",
                TargetUrls = parseResult.GetValue(targetUrls) ?? "http://127.0.0.1:5001",
                Database = chosen,
                Users = userCount,
                Groups = groupCount,
            }).RunAsync(cancellationToken).ConfigureAwait(false);
        });
        return demo;
    }
}
