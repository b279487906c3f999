using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Provisio.Scim.Server;

namespace Provisio.Benchmarks;

/// <summary>
/// The reference SCIM server's ceiling, which the engine's benchmarks are compared with: POST /Users, a filtered
/// GET by userName and a PATCH, each driven for a fixed time by a plain keep-alive HTTP client with several
/// concurrent workers. <c>--scim-load [seconds] [workers] [url token]</c>; without a URL the server runs in this process.
/// </summary>
public static class ScimServerLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var workers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
        ScimServer? server = null;
        Uri baseAddress;
        string token;
        if (args.Length > 4)
        {
            baseAddress = new Uri(args[3].TrimEnd('/') + "/");
            token = args[4];
        }
        else
        {
            token = "load-token";
            server = ScimServer.Create(new ScimServerOptions { Token = token, RequestLogCapacity = 0, SaveInterval = TimeSpan.Zero }, ["http://127.0.0.1:0"]);
            await server.StartAsync(CancellationToken.None).ConfigureAwait(false);
            baseAddress = server.ScimAddress;
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseAddress,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var run = Guid.NewGuid().ToString("N")[..8];
        var ids = new List<(string Id, string UserName)>();
        var duration = TimeSpan.FromSeconds(seconds);
        Console.WriteLine($"SCIM server load: {baseAddress} ({(server is null ? "external" : "in process")}), {workers} keep-alive workers, {seconds:0.#} s per phase");
        Console.WriteLine($"{"Phase",-22} {"requests",10} {"req/s",10} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"errors",7}");

        var created = 0;
        await PhaseAsync("POST /Users", workers, duration, async worker =>
        {
            var n = Interlocked.Increment(ref created);
            var userName = $"load.{run}.{n}@example.com";
            using var content = Json($$$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{{userName}}}","externalId":"{{{run}}}-{{{n}}}","active":true,"emails":[{"type":"work","primary":true,"value":"{{{userName}}}"}],"name":{"givenName":"Load","familyName":"User {{{n}}}"}}""");
            using var response = await http.PostAsync("Users", content).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var id = body[(body.IndexOf("\"id\":\"", StringComparison.Ordinal) + 6)..];
                lock (ids)
                {
                    ids.Add((id[..id.IndexOf('"', StringComparison.Ordinal)], userName));
                }
            }

            return response.StatusCode == HttpStatusCode.Created;
        }).ConfigureAwait(false);

        await PhaseAsync("GET /Users?filter=", workers, duration, async worker =>
        {
            var target = ids[Random.Shared.Next(ids.Count)];
            var filter = Uri.EscapeDataString($"userName eq \"{target.UserName}\"");
            using var response = await http.GetAsync($"Users?filter={filter}").ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            return response.IsSuccessStatusCode && body.Contains(target.Id, StringComparison.Ordinal);
        }).ConfigureAwait(false);

        await PhaseAsync("PATCH /Users/{id}", workers, duration, async worker =>
        {
            var target = ids[Random.Shared.Next(ids.Count)];
            using var content = Json($$$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"title","value":"T{{{worker}}}"},{"op":"Replace","path":"emails[type eq \"work\"].value","value":"{{{target.UserName}}}"}]}""");
            using var request = new HttpRequestMessage(HttpMethod.Patch, $"Users/{target.Id}") { Content = content };
            using var response = await http.SendAsync(request).ConfigureAwait(false);
            await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }).ConfigureAwait(false);

        if (server is not null)
        {
            await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        }

        return 0;
    }

    private static StringContent Json(string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/scim+json");
        return content;
    }

    private static async Task PhaseAsync(string name, int workers, TimeSpan duration, Func<int, Task<bool>> request)
    {
        // Warm-up, then the measured window.
        await DriveAsync(workers, TimeSpan.FromSeconds(0.5), request).ConfigureAwait(false);
        var (latencies, errors, elapsed) = await DriveAsync(workers, duration, request).ConfigureAwait(false);
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-22} {latencies.Count,10:N0} {latencies.Count / elapsed.TotalSeconds,10:N0} {Percentile(0.50),8:0.00} {Percentile(0.95),8:0.00} {Percentile(0.99),8:0.00} {errors,7}"));
    }

    private static async Task<(List<double> Latencies, int Errors, TimeSpan Elapsed)> DriveAsync(int workers, TimeSpan duration, Func<int, Task<bool>> request)
    {
        var latencies = new List<double>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var mine = new List<double>();
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await request(worker).ConfigureAwait(false);
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        })).ToArray();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return (latencies, errors, clock.Elapsed);
    }
}
