using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Npgsql;
using Provisio.Directory.Generation;
using Provisio.Directory.Storage.Postgres;
using Provisio.Scim.Server;

namespace Provisio.Benchmarks;

/// <summary>
/// Issue 10's benchmark: many jobs on one node versus several. A fresh PostgreSQL database with a generated directory,
/// one reference SCIM server per application (in this process), <c>nodes</c> <c>provisio serve</c> processes clustered on
/// the database; every job is started at once and the time until the last initial cycle ends is taken, with the node
/// each job ran on. <c>--cluster [jobs] [users] [nodes] --postgres CONNECTION_STRING [--provisio PATH/provisio.dll]</c>
/// (default: the build of <c>./provisio</c>, <c>.artifacts/provisio/provisio.dll</c>).
/// </summary>
public static class ClusterThroughput
{
    private const string AdminKey = "bench-cluster-admin-key-0001";
    private const string TargetToken = "bench-cluster-target";

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var numbers = args.Skip(1).TakeWhile(arg => !arg.StartsWith("--", StringComparison.Ordinal)).Select(arg => int.Parse(arg, CultureInfo.InvariantCulture)).ToArray();
        var (jobs, users, nodeCount) = (numbers.ElementAtOrDefault(0) is > 0 and var j ? j : 10, numbers.ElementAtOrDefault(1) is > 0 and var u ? u : 2_000, numbers.ElementAtOrDefault(2) is > 0 and var n ? n : 3);
        var server = args.SkipWhile(arg => arg != "--postgres").Skip(1).FirstOrDefault()
            ?? throw new ArgumentException("--cluster needs --postgres CONNECTION_STRING (a server where it may create a database).");
        var provisio = args.SkipWhile(arg => arg != "--provisio").Skip(1).FirstOrDefault() ?? Path.GetFullPath(Path.Combine(".artifacts", "provisio", "provisio.dll"));
        if (!File.Exists(provisio))
        {
            Console.Error.WriteLine($"{provisio} is missing: run ./provisio --help once to build it, or pass --provisio PATH.");
            return 2;
        }

        var name = $"bench_cluster_{Environment.ProcessId}";
        await using (var admin = NpgsqlDataSource.Create(server))
        await using (var create = admin.CreateCommand($"CREATE DATABASE {name};"))
        {
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var targets = new List<ScimServer>();
        var nodes = new List<Process>();
        try
        {
            await using (var dataSource = NpgsqlDataSource.Create(connectionString))
            await using (var directory = new PostgresDirectoryStore(dataSource))
            {
                await directory.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
                await new DirectoryGenerator(new DirectoryGeneratorOptions { Users = users, Groups = 0, MembersPerGroup = 0, Seed = 10 }).WriteAsync(directory, null, CancellationToken.None).ConfigureAwait(false);
            }

            for (var index = 0; index < jobs; index++)
            {
                var target = ScimServer.Create(new ScimServerOptions { Token = TargetToken, RequestLogCapacity = 0, SaveInterval = TimeSpan.Zero }, ["http://127.0.0.1:0"],
                    builder => builder.Logging.ClearProviders());
                await target.StartAsync(CancellationToken.None).ConfigureAwait(false);
                targets.Add(target);
            }

            var urls = new List<Uri>();
            for (var index = 1; index <= nodeCount; index++)
            {
                var (process, url) = StartNode(provisio, $"postgres:{connectionString}", $"node-{index}");
                nodes.Add(process);
                urls.Add(url);
            }

            foreach (var url in urls)
            {
                await WaitReadyAsync(url).ConfigureAwait(false);
            }

            using var api = new HttpClient { BaseAddress = urls[0], Timeout = TimeSpan.FromMinutes(2) };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
            var configured = new List<(string ServicePrincipal, string JobId)>();
            foreach (var target in targets)
            {
                configured.Add(await ConfigureAsync(api, target).ConfigureAwait(false));
            }

            Console.WriteLine($"Cluster throughput: {jobs} jobs x {users:N0} users on {nodeCount} node(s); {Environment.ProcessorCount} cores (nodes, targets and PostgreSQL share them)");
            var clock = Stopwatch.StartNew();
            foreach (var (sp, jobId) in configured)
            {
                using var started = await api.PostAsync(new Uri($"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}/start", UriKind.Relative), null).ConfigureAwait(false);
                started.EnsureSuccessStatusCode();
            }

            var ranOn = new Dictionary<string, string>(StringComparer.Ordinal);
            var ended = new HashSet<string>(StringComparer.Ordinal);
            while (ended.Count < configured.Count)
            {
                foreach (var (sp, jobId) in configured.Where(job => !ended.Contains(job.JobId)))
                {
                    var job = JsonNode.Parse(await api.GetStringAsync(new Uri($"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}", UriKind.Relative)).ConfigureAwait(false))!;
                    if (job["status"]?["provisio.node"]?.GetValue<string>() is { } node)
                    {
                        ranOn[jobId] = node;
                    }

                    if (job["status"]?["lastExecution"]?["timeEnded"] is not null)
                    {
                        ended.Add(jobId);
                    }
                }

                await Task.Delay(250).ConfigureAwait(false);
            }

            var elapsed = clock.Elapsed;
            var exported = targets.Sum(target => target.GetUsers().Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"all {jobs} initial cycles ended in {elapsed.TotalSeconds:0.0} s: {exported:N0} users provisioned, {exported / elapsed.TotalSeconds:N0} users/s"));
            foreach (var group in ranOn.GroupBy(pair => pair.Value).OrderBy(group => group.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {group.Key}: {group.Count()} jobs");
            }

            return exported == jobs * users ? 0 : 1;
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Kill(entireProcessTree: true);
                await node.WaitForExitAsync().ConfigureAwait(false);
                node.Dispose();
            }

            foreach (var target in targets)
            {
                await target.DisposeAsync().ConfigureAwait(false);
            }

            NpgsqlConnection.ClearAllPools();
            await using var admin = NpgsqlDataSource.Create(server);
            await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE);");
            await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    private static (Process Process, Uri Url) StartNode(string provisio, string database, string nodeId)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { provisio, "serve", "--urls", url.ToString().TrimEnd('/'), "--database", database })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Provisio__AdminKey"] = AdminKey;
        start.Environment["Provisio__Cluster__Enabled"] = "true";
        start.Environment["Provisio__Cluster__NodeId"] = nodeId;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, url);
    }

    private static async Task WaitReadyAsync(Uri url)
    {
        using var probe = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                if ((await probe.GetAsync(new Uri("/readyz", UriKind.Relative)).ConfigureAwait(false)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until)
            {
                // not listening yet
            }

            await Task.Delay(200).ConfigureAwait(false);
        }
    }

    private static async Task<(string ServicePrincipal, string JobId)> ConfigureAsync(HttpClient api, ScimServer target)
    {
        var instantiated = await PostAsync(api, "/v1.0/applicationTemplates/8adf8e6e-67b2-4cf2-a259-e3dc5476c621/instantiate", """{"displayName":"Bench"}""").ConfigureAwait(false);
        var sp = instantiated["servicePrincipal"]!["id"]!.GetValue<string>();
        var job = await PostAsync(api, $"/v1.0/servicePrincipals/{sp}/synchronization/jobs", """{"templateId":"scim"}""").ConfigureAwait(false);
        var jobId = job["id"]!.GetValue<string>();
        var secrets = $$"""{"value":[{"key":"BaseAddress","value":"{{target.ScimAddress}}"},{"key":"SecretToken","value":"{{TargetToken}}"},{"key":"SyncAll","value":"true"}]}""";
        using (var put = await api.PutAsync(new Uri($"/v1.0/servicePrincipals/{sp}/synchronization/secrets", UriKind.Relative), new StringContent(secrets, Encoding.UTF8, "application/json")).ConfigureAwait(false))
        {
            put.EnsureSuccessStatusCode();
        }

        using (var patch = await api.PatchAsync(new Uri($"/v1.0/servicePrincipals/{sp}/synchronization/jobs/{jobId}", UriKind.Relative),
            new StringContent("""{"schedule":{"interval":"PT1H"}}""", Encoding.UTF8, "application/json")).ConfigureAwait(false))
        {
            patch.EnsureSuccessStatusCode();
        }

        return (sp, jobId);
    }

    private static async Task<JsonNode> PostAsync(HttpClient api, string path, string body)
    {
        using var response = await api.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json")).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
        }

        return JsonNode.Parse(text)!;
    }
}
