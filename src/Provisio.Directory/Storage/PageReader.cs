using System.Data.Common;
using Provisio.Directory.Model;
using Provisio.Directory.Query;

namespace Provisio.Directory.Storage;

/// <summary>Reads a page's rows: <c>top + 1</c> were asked for, so one more than the page means a next page exists.</summary>
internal static class PageReader
{
    /// <summary>The page; the sort value is in column <paramref name="sortColumn"/> (NULL when sorting by id alone).</summary>
    public static async Task<DirectoryPage> ReadAsync<TReader>(TReader reader, int top, int sortColumn, Func<TReader, DirectoryObject> materialize,
        CancellationToken cancellationToken)
        where TReader : DbDataReader
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(materialize);
        var items = new List<DirectoryObject>(Math.Min(top, 128));
        string? lastSortValue = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (items.Count == top)
            {
                return new DirectoryPage(items, new DirectoryCursor(lastSortValue, items[^1].Id));
            }

            items.Add(materialize(reader));
            lastSortValue = await reader.IsDBNullAsync(sortColumn, cancellationToken).ConfigureAwait(false) ? null : reader.GetString(sortColumn);
        }

        return new DirectoryPage(items, null);
    }
}
