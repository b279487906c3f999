namespace Provisio.Synchronization.Tests.Export;

internal static class Json
{
    /// <summary>Expected JSON written over several lines of a raw string, joined into the one line the writer produces.</summary>
    public static string OneLine(string lines) => lines.ReplaceLineEndings(string.Empty);
}
