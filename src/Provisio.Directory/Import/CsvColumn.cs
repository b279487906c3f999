using System.Text.Json;

namespace Provisio.Directory.Import;

/// <summary>What a CSV column holds, from its header: a Graph property, one of the 15 on-premises extension attributes, the id, or a reference.</summary>
internal sealed record CsvColumn(string Header, CsvColumnRole Role, string Property = "", IReadOnlyList<JsonValueKind>? Kinds = null);

internal enum CsvColumnRole
{
    Property,
    ExtensionAttribute,
    Id,
    Manager,
    Members,
    Group,
    Member,
}
