using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Provisio.Testing;

/// <summary>
/// A small real SMTP server for tests (no SMTP test server package is available): it listens on 127.0.0.1 at a port of
/// its own choosing (or one given), answers RFC 5321's commands (EHLO, HELO, AUTH PLAIN and LOGIN when credentials are
/// required, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and keeps every message it accepts. With
/// <see cref="RequiredCredentials"/>, mail is refused (530) until a client authenticates with them, and a wrong login
/// is refused (535) and counted.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<SmtpSinkMessage> _messages = [];
    private readonly List<Task> _sessions = [];
    private readonly Channel<SmtpSinkMessage> _arrivals = Channel.CreateUnbounded<SmtpSinkMessage>();
    private readonly Task _accepting;
    private int _failedAuthentications;

    private SmtpSink(TcpListener listener, NetworkCredential? requiredCredentials)
    {
        _listener = listener;
        RequiredCredentials = requiredCredentials;
        _accepting = AcceptAsync(_stopping.Token);
    }

    /// <summary>The credentials the sink asks for; null: it offers no AUTH and takes mail from anyone.</summary>
    public NetworkCredential? RequiredCredentials { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The messages accepted so far, in order.</summary>
    public IReadOnlyList<SmtpSinkMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Logins refused (535) so far.</summary>
    public int FailedAuthentications => Volatile.Read(ref _failedAuthentications);

    /// <summary>Starts listening on 127.0.0.1 at <paramref name="port"/> (0: a free port the system picks).</summary>
    public static SmtpSink Start(int port = 0, NetworkCredential? requiredCredentials = null)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return new SmtpSink(listener, requiredCredentials);
    }

    /// <summary>A loopback port nothing listens on (one the system just gave and took back), for "the server is down".</summary>
    public static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The next message accepted (in order, each once), waiting at most <paramref name="timeout"/>.</summary>
    public async Task<SmtpSinkMessage> NextMessageAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waiting.CancelAfter(timeout);
        try
        {
            return await _arrivals.Reader.ReadAsync(waiting.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The SMTP sink on port {Port} received no message within {timeout}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Task[] sessions;
        lock (_sessions)
        {
            sessions = [.. _sessions];
        }

        await Task.WhenAll(sessions).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _listener.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_sessions)
            {
                _sessions.Add(ServeAsync(client, cancellationToken));
            }
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 4096, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
            await new Session(this, reader, writer).RunAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the client went away, or the sink is stopping
        }
    }

    private void Accept(SmtpSinkMessage message)
    {
        lock (_messages)
        {
            _messages.Add(message);
        }

        _arrivals.Writer.TryWrite(message);
    }

    /// <summary>One connection's conversation (RFC 5321 §4.1, RFC 4954 for AUTH).</summary>
    private sealed class Session(SmtpSink sink, StreamReader reader, StreamWriter writer)
    {
        private string? _mailFrom;
        private readonly List<string> _recipients = [];
        private string? _user;
        private string? _mechanism;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            await writer.WriteLineAsync("220 provisio-smtp-sink ESMTP ready".AsMemory(), cancellationToken);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                var verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
                var argument = space < 0 ? "" : line[(space + 1)..].Trim();
                switch (verb)
                {
                    case "EHLO":
                        await ReplyAsync(cancellationToken, sink.RequiredCredentials is null
                            ? ["250-provisio-smtp-sink", "250 8BITMIME"]
                            : ["250-provisio-smtp-sink", "250-AUTH PLAIN LOGIN", "250 8BITMIME"]);
                        break;
                    case "HELO":
                        await ReplyAsync(cancellationToken, "250 provisio-smtp-sink");
                        break;
                    case "AUTH":
                        await AuthenticateAsync(argument, cancellationToken);
                        break;
                    case "MAIL":
                        if (sink.RequiredCredentials is not null && _user is null)
                        {
                            await ReplyAsync(cancellationToken, "530 5.7.0 Authentication required");
                            break;
                        }

                        _mailFrom = Address(argument);
                        _recipients.Clear();
                        await ReplyAsync(cancellationToken, "250 2.1.0 Sender OK");
                        break;
                    case "RCPT":
                        if (_mailFrom is null)
                        {
                            await ReplyAsync(cancellationToken, "503 5.5.1 MAIL first");
                            break;
                        }

                        _recipients.Add(Address(argument));
                        await ReplyAsync(cancellationToken, "250 2.1.5 Recipient OK");
                        break;
                    case "DATA":
                        if (_mailFrom is null || _recipients.Count == 0)
                        {
                            await ReplyAsync(cancellationToken, "503 5.5.1 RCPT first");
                            break;
                        }

                        await ReplyAsync(cancellationToken, "354 End data with <CR><LF>.<CR><LF>");
                        var data = await ReadDataAsync(cancellationToken);
                        sink.Accept(new SmtpSinkMessage(_mailFrom, [.. _recipients], data, _user, _mechanism));
                        _mailFrom = null;
                        _recipients.Clear();
                        await ReplyAsync(cancellationToken, "250 2.0.0 Queued");
                        break;
                    case "RSET":
                        _mailFrom = null;
                        _recipients.Clear();
                        await ReplyAsync(cancellationToken, "250 2.0.0 OK");
                        break;
                    case "NOOP":
                        await ReplyAsync(cancellationToken, "250 2.0.0 OK");
                        break;
                    case "QUIT":
                        await ReplyAsync(cancellationToken, "221 2.0.0 Bye");
                        return;
                    default:
                        await ReplyAsync(cancellationToken, "502 5.5.2 Command not implemented");
                        break;
                }
            }
        }

        /// <summary><c>AUTH PLAIN [initial]</c> (RFC 4616: authzid NUL authcid NUL password) or <c>AUTH LOGIN [user]</c>.</summary>
        private async Task AuthenticateAsync(string argument, CancellationToken cancellationToken)
        {
            if (sink.RequiredCredentials is not { } required)
            {
                await ReplyAsync(cancellationToken, "502 5.5.2 AUTH not offered");
                return;
            }

            var parts = argument.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            var mechanism = parts.Length > 0 ? parts[0].ToUpperInvariant() : "";
            var initial = parts.Length > 1 ? parts[1] : null;
            string? user;
            string? password;
            if (mechanism == "PLAIN")
            {
                var response = initial ?? await ChallengeAsync("", cancellationToken);
                var fields = Decode(response)?.Split('\0');
                (user, password) = fields is { Length: 3 } ? (fields[1], fields[2]) : (null, null);
            }
            else if (mechanism == "LOGIN")
            {
                user = Decode(initial ?? await ChallengeAsync("VXNlcm5hbWU6", cancellationToken));
                password = Decode(await ChallengeAsync("UGFzc3dvcmQ6", cancellationToken));
            }
            else
            {
                await ReplyAsync(cancellationToken, "504 5.5.4 Unrecognized authentication type");
                return;
            }

            if (user == required.UserName && password == required.Password)
            {
                (_user, _mechanism) = (user, mechanism);
                await ReplyAsync(cancellationToken, "235 2.7.0 Authentication successful");
            }
            else
            {
                Interlocked.Increment(ref sink._failedAuthentications);
                await ReplyAsync(cancellationToken, "535 5.7.8 Authentication credentials invalid");
            }
        }

        private async Task<string> ChallengeAsync(string challenge, CancellationToken cancellationToken)
        {
            await ReplyAsync(cancellationToken, $"334 {challenge}");
            return await reader.ReadLineAsync(cancellationToken) ?? "";
        }

        private static string? Decode(string base64)
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(base64.Trim()));
            }
            catch (FormatException)
            {
                return null;
            }
        }

        /// <summary>Lines up to the one holding a single dot, a leading dot of any other line removed (RFC 5321 §4.5.2).</summary>
        private async Task<string> ReadDataAsync(CancellationToken cancellationToken)
        {
            var data = new StringBuilder();
            while (await reader.ReadLineAsync(cancellationToken) is { } line && line != ".")
            {
                data.Append(line.StartsWith('.') ? line[1..] : line).Append("\r\n");
            }

            return data.ToString();
        }

        /// <summary>The address of <c>FROM:&lt;a@b&gt; BODY=8BITMIME</c> or <c>TO:&lt;a@b&gt;</c>.</summary>
        private static string Address(string argument)
        {
            var open = argument.IndexOf('<', StringComparison.Ordinal);
            var close = argument.IndexOf('>', StringComparison.Ordinal);
            return open >= 0 && close > open ? argument[(open + 1)..close] : argument[(argument.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }

        private async Task ReplyAsync(CancellationToken cancellationToken, params string[] lines)
        {
            foreach (var line in lines)
            {
                await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
            }
        }
    }
}
