using Provisio.Directory.Loading;

namespace Provisio.Directory.Import;

/// <summary>
/// The state an import carries from its first pass to its second: the counts, the reporter, and which lines were in
/// batches that were not written (a few line ranges: the second pass skips their references).
/// </summary>
internal sealed class ImportRun(DirectoryLoadCounts counts, IDirectoryLoadReporter? reporter)
{
    private readonly List<(int First, int Last)> _refused = [];
    private readonly List<ulong> _managersWritten = [];
    private int _cursor;

    public DirectoryLoadCounts Counts => counts;

    /// <summary>
    /// The line of each user's userPrincipalName and group's displayName in the file, by <see cref="KeyHash"/> (8 bytes
    /// a row, not the names): finds repeats in the first pass, and explains in the second a reference to a row that was
    /// not imported.
    /// </summary>
    public Dictionary<ulong, int> Keys { get; } = [];

    public void Bad(int line, IEnumerable<string> errors)
    {
        counts.BadRows++;
        foreach (var error in errors)
        {
            reporter?.Error(new DirectoryLoadError(line, error));
        }
    }

    /// <summary>The manager of the user on this line was written with the user in the first pass (a bit a line).</summary>
    public void ManagerWritten(int line)
    {
        while (_managersWritten.Count <= line / 64)
        {
            _managersWritten.Add(0);
        }

        _managersWritten[line / 64] |= 1UL << (line % 64);
    }

    /// <summary>Whether the first pass wrote this line's manager, so the second has nothing to do for it.</summary>
    public bool WasManagerWritten(int line) => line / 64 < _managersWritten.Count && (_managersWritten[line / 64] & (1UL << (line % 64))) != 0;

    /// <summary>The batch of lines <paramref name="first"/> to <paramref name="last"/> was not written.</summary>
    public void Refuse(int first, int last) => _refused.Add((first, last));

    /// <summary>Whether the line was in a batch that was not written; lines must be asked in increasing order.</summary>
    public bool WasRefused(int line)
    {
        while (_cursor < _refused.Count && _refused[_cursor].Last < line)
        {
            _cursor++;
        }

        return _cursor < _refused.Count && _refused[_cursor].First <= line;
    }

    /// <summary>Whether the line was in a batch that was not written, in any order.</summary>
    public bool WasRefusedAnywhere(int line)
    {
        var low = 0;
        var high = _refused.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (_refused[middle].Last < line)
            {
                low = middle + 1;
            }
            else if (_refused[middle].First > line)
            {
                high = middle - 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The line of the file's row for this user or group, when it was in a batch that was not written.</summary>
    public int? NotImportedLine(Model.DirectoryObjectKind kind, string name) =>
        Keys.TryGetValue(KeyHash(kind, name), out var line) && WasRefusedAnywhere(line) ? line : null;

    /// <summary>FNV-1a (64 bits) of the kind and the case-folded name.</summary>
    public static ulong KeyHash(Model.DirectoryObjectKind kind, string name)
    {
        var hash = 14695981039346656037UL ^ (ulong)kind;
        foreach (var character in name)
        {
            hash = unchecked((hash ^ char.ToLowerInvariant(character)) * 1099511628211UL);
        }

        return hash;
    }

    /// <summary>Reports how far into the file a pass is, by bytes (nothing when the stream cannot tell its length).</summary>
    public void Progress(string phase, Stream stream, bool done = false)
    {
        if (reporter is null || !stream.CanSeek)
        {
            return;
        }

        var length = stream.Length;
        reporter.Progress(new DirectoryLoadProgress(phase, done ? length : Math.Min(stream.Position, length), length));
    }
}
