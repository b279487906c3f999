using Provisio.Directory.Loading;

namespace Provisio.Directory.Import;

/// <summary>
/// The state an import carries from its first pass to its second: the counts, the reporter, and which lines were in
/// batches that were not written (a few line ranges: the second pass skips their references).
/// </summary>
internal sealed class ImportRun(DirectoryLoadCounts counts, IDirectoryLoadReporter? reporter)
{
    private readonly List<(int First, int Last)> _refused = [];
    private int _cursor;

    public DirectoryLoadCounts Counts => counts;

    public void Bad(int line, IEnumerable<string> errors)
    {
        counts.BadRows++;
        foreach (var error in errors)
        {
            reporter?.Error(new DirectoryLoadError(line, error));
        }
    }

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
