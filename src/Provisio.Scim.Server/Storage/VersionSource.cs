namespace Provisio.Scim.Server.Storage;

/// <summary>The server-wide version counter behind <c>meta.version</c> and the <c>ETag</c> (RFC 7644 §3.14).</summary>
internal sealed class VersionSource
{
    private long _last;

    public long Last => Interlocked.Read(ref _last);

    public long Next() => Interlocked.Increment(ref _last);

    /// <summary>After loading a snapshot: never hand out a version already used.</summary>
    public void AtLeast(long version)
    {
        var current = Interlocked.Read(ref _last);
        while (version > current && Interlocked.CompareExchange(ref _last, version, current) != current)
        {
            current = Interlocked.Read(ref _last);
        }
    }
}
