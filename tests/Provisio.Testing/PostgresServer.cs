using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using Xunit;

namespace Provisio.Testing;

/// <summary>
/// One PostgreSQL for the whole test run, started by the first test that asks for it: initdb and pg_ctl in a temporary
/// folder, listening on 127.0.0.1 at a free port, never a system service (issue 5 §2); stopped (<c>pg_ctl -m fast
/// stop</c>) and deleted when the run ends. <c>PROVISIO_TEST_POSTGRES</c> (a connection string) uses an existing
/// server instead; <c>PROVISIO_TEST_POSTGRES_BIN</c> names the folder holding initdb and pg_ctl when they are not in
/// /usr/lib/postgresql/*/bin or on PATH.
/// </summary>
/// <remarks>
/// Missing server binaries skip the PostgreSQL tests locally and fail them under <c>CI</c> (STYLE.md §6): <c>./test</c>
/// installs them, so a CI run without them is broken, not green. Any other failure to start fails the tests.
/// Run as root, the server runs as the <c>postgres</c> user (initdb refuses root), through <c>runuser</c>.
/// A test assembly that needs it declares <c>[assembly: AssemblyFixture(typeof(PostgresServer))]</c>: one server per
/// test process.
/// </remarks>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string ConnectionStringVariable = "PROVISIO_TEST_POSTGRES";
    public const string BinariesVariable = "PROVISIO_TEST_POSTGRES_BIN";

    private const string Database = "provisio_tests";
    private const string ServerUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly CancellationTokenSource _stopping = new();
    private readonly Lazy<Task<Instance>> _instance;

    public PostgresServer() =>
        _instance = new(() => StartAsync(_stopping.Token), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when the environment variable <c>CI</c> is set (and not <c>false</c> or <c>0</c>).</summary>
    public static bool IsCI => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci
        && !ci.Equals("false", StringComparison.OrdinalIgnoreCase) && ci != "0";

    /// <summary>
    /// The test database (started at the first call), or the calling test skipped (locally) or failed (under CI) when
    /// no PostgreSQL can be had.
    /// </summary>
    public async Task<NpgsqlDataSource> GetDataSourceAsync(CancellationToken cancellationToken)
    {
        var instance = await _instance.Value.WaitAsync(cancellationToken);
        if (instance.Unavailable is { } reason)
        {
            Assert.SkipWhen(!IsCI, $"{reason} PostgreSQL tests are skipped; under CI they fail.");
            Assert.Fail($"{reason} CI is set, so the PostgreSQL tests fail instead of skipping (./test installs PostgreSQL with apt).");
        }

        return instance.DataSource!;
    }

    /// <summary>The test database's connection string (with its password, which the data source's own leaves out).</summary>
    public async Task<string> GetConnectionStringAsync(CancellationToken cancellationToken)
    {
        await GetDataSourceAsync(cancellationToken);
        return (await _instance.Value).ConnectionString!;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_instance.IsValueCreated)
        {
            var starting = _instance.Value;
            await ((Task)starting).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (starting.IsCompletedSuccessfully)
            {
                await starting.Result.DisposeAsync();
            }

            // else the start failed, cleaned up after itself, and every test that asked reported why
        }

        _stopping.Dispose();
    }

    private static async Task<Instance> StartAsync(CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } connectionString)
        {
            var external = NpgsqlDataSource.Create(connectionString);
            try
            {
                await using var connection = await external.OpenConnectionAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or SocketException or ArgumentException)
            {
                await external.DisposeAsync();
                throw new InvalidOperationException($"{ConnectionStringVariable} is set but its server cannot be reached: {exception.Message}", exception);
            }

            return new Instance(connectionString, external, null, null, null);
        }

        if (FindBinaries() is not { } binaries)
        {
            return Instance.Missing(Environment.GetEnvironmentVariable(BinariesVariable) is { Length: > 0 } configured
                ? $"PostgreSQL's initdb and pg_ctl are not in {configured} ({BinariesVariable})."
                : $"PostgreSQL's server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin or on PATH; install the postgresql package, set {BinariesVariable} to their folder, or set {ConnectionStringVariable} to a connection string.");
        }

        var runner = new Runner(binaries);
        var folder = System.IO.Directory.CreateTempSubdirectory("provisio-pg-").FullName;
        var data = Path.Combine(folder, "data");
        try
        {
            if (Environment.IsPrivilegedProcess)
            {
                await runner.RunAsync("chown", [$"{ServerUser}:", folder], asServerUser: false, folder, cancellationToken);
            }

            // C locale: lower() folds ASCII only, as SQLite's NOCASE does, whatever the machine's locale.
            await runner.RunAsync(Path.Combine(binaries, "initdb"),
                ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], asServerUser: true, folder, cancellationToken);
            var port = await StartServerAsync(runner, binaries, folder, data, cancellationToken);

            var server = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", Pooling = false };
            await using (var connection = new NpgsqlConnection(server.ConnectionString))
            {
                await connection.OpenAsync(cancellationToken);
                await using var create = new NpgsqlCommand($"CREATE DATABASE {Database};", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            var test = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = Database, MaxPoolSize = 50 };
            return new Instance(test.ConnectionString, NpgsqlDataSource.Create(test.ConnectionString), runner, folder, data);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var log = Path.Combine(folder, "server.log");
            var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(20)) : "(no server log)";
            try
            {
                await new Instance(null, null, runner, folder, data).DisposeAsync();
            }
            catch (Exception cleanup) when (cleanup is InvalidOperationException or IOException)
            {
                tail += $"\n(cleaning up {folder} failed too: {cleanup.Message})";
            }

            throw new InvalidOperationException($"PostgreSQL from {binaries} did not start: {exception.Message}\nserver.log:\n{tail}", exception);
        }
    }

    /// <summary>Starts the server on a free loopback port; another process may take the port first, so it retries.</summary>
    private static async Task<int> StartServerAsync(Runner runner, string binaries, string folder, string data, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            try
            {
                // fsync off: the data is thrown away at the end; the socket goes into our folder, not /var/run/postgresql.
                await runner.RunAsync(Path.Combine(binaries, "pg_ctl"),
                [
                    "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
                    "-o", $"-p {port} -c listen_addresses=127.0.0.1 -k '{folder}' -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                    "start",
                ], asServerUser: true, folder, cancellationToken);
                return port;
            }
            catch (InvalidOperationException) when (attempt < 3 && File.ReadAllText(Path.Combine(folder, "server.log")).Contains(
                "could not bind", StringComparison.Ordinal))
            {
                // the port was taken between choosing and binding it: try another
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The folder with initdb and pg_ctl: <c>PROVISIO_TEST_POSTGRES_BIN</c>, else Debian's newest, else PATH.</summary>
    private static string? FindBinaries()
    {
        static bool Has(string folder) => File.Exists(Path.Combine(folder, Executable("initdb"))) && File.Exists(Path.Combine(folder, Executable("pg_ctl")));

        if (Environment.GetEnvironmentVariable(BinariesVariable) is { Length: > 0 } configured)
        {
            return Has(configured) ? configured : null;
        }

        const string Debian = "/usr/lib/postgresql";
        var versions = System.IO.Directory.Exists(Debian)
            ? System.IO.Directory.GetDirectories(Debian)
                .Select(folder => (Folder: Path.Combine(folder, "bin"), Version: int.TryParse(Path.GetFileName(folder), out var version) ? version : 0))
                .Where(candidate => Has(candidate.Folder))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Folder)
            : [];
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Where(Has);
        return versions.Concat(path).FirstOrDefault();
    }

    private static string Executable(string name) => OperatingSystem.IsWindows() ? name + ".exe" : name;

    /// <summary>Runs the server's tools, as the <c>postgres</c> user when the tests run as root.</summary>
    private sealed class Runner(string binaries)
    {
        public string Binaries { get; } = binaries;

        public async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asServerUser, string workingDirectory,
            CancellationToken cancellationToken)
        {
            var start = new ProcessStartInfo
            {
                FileName = program,
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (asServerUser && Environment.IsPrivilegedProcess)
            {
                start.FileName = "runuser";
                start.ArgumentList.Add("-u");
                start.ArgumentList.Add(ServerUser);
                start.ArgumentList.Add("--");
                start.ArgumentList.Add(program);
            }

            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
            var output = new StringBuilder();
            var reading = Task.WhenAll(
                CopyAsync(process.StandardOutput, output, cancellationToken),
                CopyAsync(process.StandardError, output, cancellationToken));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CommandTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                await reading;
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"'{start.FileName} {string.Join(' ', start.ArgumentList)}' exited with {process.ExitCode}: {output.ToString().Trim()}");
            }
        }

        private static async Task CopyAsync(StreamReader from, StringBuilder to, CancellationToken cancellationToken)
        {
            var text = await from.ReadToEndAsync(cancellationToken);
            lock (to)
            {
                to.Append(text);
            }
        }
    }

    /// <summary>A running server (ours or the one <c>PROVISIO_TEST_POSTGRES</c> names), or why there is none.</summary>
    private sealed class Instance(string? connectionString, NpgsqlDataSource? dataSource, Runner? runner, string? folder, string? data)
        : IAsyncDisposable
    {
        public string? ConnectionString { get; } = connectionString;

        public NpgsqlDataSource? DataSource { get; } = dataSource;

        public string? Unavailable { get; private init; }

        private Runner? Runner { get; } = runner;

        private string? Folder { get; } = folder;

        private string? Data { get; } = data;

        public static Instance Missing(string reason) => new(null, null, null, null, null) { Unavailable = reason };

        public async ValueTask DisposeAsync()
        {
            if (DataSource is not null)
            {
                await DataSource.DisposeAsync();
            }

            NpgsqlConnection.ClearAllPools();
            if (Runner is null || Folder is null || Data is null)
            {
                return;
            }

            if (File.Exists(Path.Combine(Data, "postmaster.pid")))
            {
                await Runner.RunAsync(Path.Combine(Runner.Binaries, "pg_ctl"), ["-D", Data, "-m", "fast", "-w", "stop"], asServerUser: true, Folder,
                    CancellationToken.None);
            }

            System.IO.Directory.Delete(Folder, recursive: true);
        }
    }
}
