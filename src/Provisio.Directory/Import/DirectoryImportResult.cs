using Provisio.Directory.Loading;

namespace Provisio.Directory.Import;

/// <summary>What an import did; <see cref="FileError"/> when the file could not be imported at all (nothing was written).</summary>
public sealed record DirectoryImportResult(DirectoryLoadCounts Counts, DirectoryLoadError? FileError = null)
{
    public bool Succeeded => FileError is null && Counts.Succeeded;
}
