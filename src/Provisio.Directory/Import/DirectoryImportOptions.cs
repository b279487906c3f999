using Provisio.Directory.Batches;

namespace Provisio.Directory.Import;

/// <summary>How <see cref="DirectoryImporter"/> reads and writes a file.</summary>
public sealed record DirectoryImportOptions
{
    public const int DefaultBatchSize = 5_000;

    /// <summary>
    /// Rows per batch (one transaction; a batch with a bad row is not written). References go in batches of up to four
    /// times as many.
    /// </summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>What the file holds; null to tell from the CSV header (JSON: an array is users).</summary>
    public DirectoryImportKind? Kind { get; init; }

    /// <summary>The problems with these options; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate() =>
        BatchSize < 1 || BatchSize * 4 > DirectoryBatch.MaximumItems
            ? [$"--batch-size must be between 1 and {DirectoryBatch.MaximumItems / 4}."]
            : [];
}
