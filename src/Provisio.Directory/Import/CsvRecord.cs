namespace Provisio.Directory.Import;

/// <summary>
/// One CSV record: its fields, the 1-based line where it starts (a quoted field may hold line breaks, so it may
/// end on a later line), and what was wrong with its syntax, if anything.
/// </summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error = null);
