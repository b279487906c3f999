using System.Collections.Concurrent;

namespace Provisio.Scim.Server.Requests;

/// <summary>
/// The requests the server answered, oldest first, bounded (the oldest are dropped). Tests read it to assert what a
/// client sent, such as "no duplicate creates"; over HTTP it is <c>GET /_requests</c>.
/// </summary>
public sealed class ScimRequestLog
{
    private readonly ConcurrentQueue<ScimRequestRecord> _records = new();
    private readonly int _capacity;
    private long _sequence;

    internal ScimRequestLog(int capacity) => _capacity = capacity;

    public int Count => _records.Count;

    /// <summary>A copy of the records, oldest first.</summary>
    public IReadOnlyList<ScimRequestRecord> Snapshot() => _records.ToArray().OrderBy(record => record.Sequence).ToList();

    public void Clear() => _records.Clear();

    internal void Add(DateTimeOffset timestamp, string method, string path, int status, string? body)
    {
        if (_capacity == 0)
        {
            return;
        }

        _records.Enqueue(new ScimRequestRecord(Interlocked.Increment(ref _sequence), timestamp, method, path, status, body));
        while (_records.Count > _capacity && _records.TryDequeue(out _))
        {
        }
    }
}
