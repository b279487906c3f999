using Provisio.Directory.Loading;

namespace Provisio.Directory.Import;

/// <summary>An import file read once from its start (the importer reads it twice: objects, then references).</summary>
internal interface IImportSource
{
    /// <summary>Reads the start of the file (the CSV header, the JSON opening); what makes it unusable, or null.</summary>
    ValueTask<DirectoryLoadError?> StartAsync(CancellationToken cancellationToken);

    /// <summary>Whether rows may name other objects (a manager or members column; JSON always may).</summary>
    bool MayHaveReferences { get; }

    IAsyncEnumerable<ImportRow> ReadRowsAsync(CancellationToken cancellationToken);
}
