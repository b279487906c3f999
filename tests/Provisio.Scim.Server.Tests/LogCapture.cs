using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Provisio.Scim.Server.Tests;

/// <summary>An in-memory logger provider: every message, formatted, with its event id and category; awaitable.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();
    private readonly Lock _waitersLock = new();
    private readonly List<(Func<Entry, bool> Predicate, TaskCompletionSource<Entry> Done)> _waiters = [];

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>The first entry (logged before or after the call) that matches; fails after <paramref name="timeout"/>.</summary>
    public Task<Entry> WaitForAsync(Func<Entry, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<Entry>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersLock)
        {
            if (_entries.FirstOrDefault(predicate) is { } existing)
            {
                return Task.FromResult(existing);
            }

            _waiters.Add((predicate, done));
        }

        return done.Task.WaitAsync(timeout, cancellationToken);
    }

    public void Dispose()
    {
    }

    private void Add(Entry entry)
    {
        lock (_waitersLock)
        {
            _entries.Enqueue(entry);
            foreach (var waiter in _waiters.Where(waiter => waiter.Predicate(entry)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(entry);
            }
        }
    }

    public sealed record Entry(string Category, LogLevel Level, int EventId, string Message, string? Exception);

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(new Entry(category, logLevel, eventId.Id, formatter(state, exception) + " " + state, exception?.ToString()));
    }
}
