using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Provisio.Host.Tests.Serve;

/// <summary>A real <c>provisio serve</c> process on a free loopback port (the build's provisio.dll), ready once it answers /readyz.</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private ServeProcess(Process process, Uri url)
    {
        Process = process;
        Url = url;
    }

    public Process Process { get; }

    public Uri Url { get; }

    public static async Task<ServeProcess> StartAsync(string database, string adminKey, IReadOnlyDictionary<string, string>? environment = null)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "provisio.dll"), "serve", "--urls", url.ToString().TrimEnd('/'), "--database", database })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Provisio__AdminKey"] = adminKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        await WaitAsync(async () =>
        {
            process.HasExited.ShouldBeFalse("provisio serve exited before it was ready");
            try
            {
                return (await probe.GetAsync("/readyz", TestContext.Current.CancellationToken)).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(90), "provisio serve to be ready");
        return new ServeProcess(process, url);
    }

    /// <summary>An API client with the admin key.</summary>
    public HttpClient Api(string adminKey)
    {
        var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromMinutes(1) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        return client;
    }

    /// <summary>SIGKILL: no shutdown, no last write.</summary>
    public async Task KillAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        await Process.WaitForExitAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Process.Dispose();
    }

    public static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            watch.Elapsed.ShouldBeLessThan(timeout, $"waiting for {what}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
