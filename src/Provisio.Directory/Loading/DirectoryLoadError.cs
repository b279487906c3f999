namespace Provisio.Directory.Loading;

/// <summary>
/// One problem of a bulk load, by the 1-based line of the file where its row starts (null for generated objects):
/// <c>line 17: column 'accountEnabled': 'yes' is not a boolean (true or false)</c>.
/// </summary>
public sealed record DirectoryLoadError(int? Line, string Message)
{
    public override string ToString() => Line is { } line ? $"line {line}: {Message}" : Message;
}
