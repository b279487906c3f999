using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Provisio.Directory.Loading;
using Provisio.Directory.Model;

namespace Provisio.Directory.Import;

/// <summary>
/// A CSV import file: a header of Graph property names (any case), then one row per object. The header says what the
/// file holds unless <see cref="DirectoryImportKind"/> is given: a <c>userPrincipalName</c> column makes it users, else
/// <c>group</c> and <c>member</c> columns memberships, else a <c>displayName</c> column groups.
/// </summary>
internal sealed class CsvImportSource(Stream stream, DirectoryImportKind? kind) : IImportSource
{
    private const int ExtensionAttributes = 15;
    private const string ExtensionAttributesProperty = "onPremisesExtensionAttributes";

    private readonly CsvReader _reader = new(new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
        detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024));
    private readonly List<CsvColumn> _columns = [];
    private DirectoryImportKind _kind;

    public bool MayHaveReferences => _columns.Any(column => column.Role is CsvColumnRole.Manager or CsvColumnRole.Members or CsvColumnRole.Member);

    public async ValueTask<DirectoryLoadError?> StartAsync(CancellationToken cancellationToken)
    {
        CsvRecord? header;
        try
        {
            header = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DecoderFallbackException)
        {
            return new DirectoryLoadError(1, "the file is not UTF-8 text");
        }

        if (header is null)
        {
            return new DirectoryLoadError(null, "the file is empty: a CSV import starts with a header row of property names");
        }

        if (header.Error is not null)
        {
            return new DirectoryLoadError(header.Line, header.Error);
        }

        var names = header.Fields.Select(field => field.Trim()).ToList();
        _kind = kind ?? Guess(names);
        var properties = _kind == DirectoryImportKind.Users ? GraphProperties.User : GraphProperties.Group;
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < names.Count; index++)
        {
            var name = names[index];
            if (name.Length == 0)
            {
                return new DirectoryLoadError(header.Line, $"column {index + 1} has no name in the header");
            }

            var column = Bind(name, properties);
            if (column is null)
            {
                return new DirectoryLoadError(header.Line, Unknown(name));
            }

            var identity = column.Role == CsvColumnRole.Property || column.Role == CsvColumnRole.ExtensionAttribute ? column.Property : column.Role.ToString();
            if (seen.TryGetValue(identity, out var earlier))
            {
                return new DirectoryLoadError(header.Line, $"column '{name}' repeats column {earlier} ('{names[earlier - 1]}')");
            }

            seen[identity] = index + 1;
            _columns.Add(column);
        }

        var key = _kind switch
        {
            DirectoryImportKind.Users => _columns.Any(column => column.Property == "userPrincipalName") || _columns.Any(column => column.Role == CsvColumnRole.Id)
                ? null : "a users file needs a userPrincipalName column",
            DirectoryImportKind.Groups => _columns.Any(column => column.Property == "displayName") || _columns.Any(column => column.Role == CsvColumnRole.Id)
                ? null : "a groups file needs a displayName column",
            _ => _columns.Any(column => column.Role == CsvColumnRole.Group) && _columns.Any(column => column.Role == CsvColumnRole.Member)
                ? null : "a memberships file needs a group and a member column",
        };
        return key is null ? null : new DirectoryLoadError(header.Line, key);
    }

    public async IAsyncEnumerable<ImportRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            CsvRecord? record;
            ImportRow? undecodable = null;
            try
            {
                record = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DecoderFallbackException)
            {
                record = null;
                undecodable = new ImportRow(_reader.Line, DirectoryObjectKind.User) { Fatal = true };
                undecodable.Errors.Add("the file is not UTF-8 text past this point");
            }

            if (undecodable is not null)
            {
                yield return undecodable;
                yield break;
            }

            if (record is null)
            {
                yield break;
            }

            yield return Convert(record);
        }
    }

    private ImportRow Convert(CsvRecord record)
    {
        var row = new ImportRow(record.Line, _kind == DirectoryImportKind.Users ? DirectoryObjectKind.User : DirectoryObjectKind.Group);
        if (record.Error is not null)
        {
            row.Errors.Add(record.Error);
            row.Fatal = record.Error.Contains("is not closed", StringComparison.Ordinal);
        }

        var properties = _kind == DirectoryImportKind.Members ? null : new JsonObject(DirectoryRules.NodeOptions);
        row.Properties = properties;
        if (record.Fields.Count != _columns.Count)
        {
            row.Errors.Add($"{record.Fields.Count} fields, but the header has {_columns.Count} columns");
            return row;
        }

        for (var index = 0; index < _columns.Count; index++)
        {
            var cell = record.Fields[index];
            if (cell.Length == 0)
            {
                continue;
            }

            var column = _columns[index];
            switch (column.Role)
            {
                case CsvColumnRole.Property:
                    var (value, error) = ImportValue.FromCell(column.Property, column.Kinds!, cell);
                    if (error is not null)
                    {
                        row.Errors.Add($"column '{column.Header}': {error}");
                    }
                    else
                    {
                        properties![column.Property] = value;
                    }

                    break;
                case CsvColumnRole.ExtensionAttribute:
                    if (properties![ExtensionAttributesProperty] is not JsonObject attributes)
                    {
                        properties[ExtensionAttributesProperty] = attributes = new JsonObject(DirectoryRules.NodeOptions);
                    }

                    attributes[column.Property[(ExtensionAttributesProperty.Length + 1)..]] = cell;
                    break;
                case CsvColumnRole.Id:
                    var (id, idError) = ImportValue.Id(cell);
                    row.Id = id;
                    if (idError is not null)
                    {
                        row.Errors.Add($"column '{column.Header}': {idError}");
                    }

                    break;
                case CsvColumnRole.Manager:
                    row.Manager = cell.Trim();
                    break;
                case CsvColumnRole.Members:
                    row.Members.AddRange(cell.Split(ImportValue.ValueSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case CsvColumnRole.Group:
                    row.Key = cell.Trim();
                    break;
                default:
                    row.Members.Add(cell.Trim());
                    break;
            }
        }

        row.Complete();
        return row;
    }

    private static DirectoryImportKind Guess(List<string> names)
    {
        bool Has(string name) => names.Contains(name, StringComparer.OrdinalIgnoreCase);
        return Has("userPrincipalName") ? DirectoryImportKind.Users
            : Has("group") && Has("member") ? DirectoryImportKind.Members
            : DirectoryImportKind.Groups;
    }

    private CsvColumn? Bind(string name, GraphProperties properties)
    {
        if (_kind == DirectoryImportKind.Members)
        {
            return name.Equals("group", StringComparison.OrdinalIgnoreCase) ? new CsvColumn(name, CsvColumnRole.Group)
                : name.Equals("member", StringComparison.OrdinalIgnoreCase) ? new CsvColumn(name, CsvColumnRole.Member)
                : null;
        }

        if (_kind == DirectoryImportKind.Users)
        {
            if (name.Equals("manager", StringComparison.OrdinalIgnoreCase))
            {
                return new CsvColumn(name, CsvColumnRole.Manager);
            }

            var attribute = name.StartsWith(ExtensionAttributesProperty + ".", StringComparison.OrdinalIgnoreCase)
                ? name[(ExtensionAttributesProperty.Length + 1)..]
                : name;
            if (attribute.StartsWith("extensionAttribute", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(attribute.AsSpan("extensionAttribute".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                && number is >= 1 and <= ExtensionAttributes
                && !attribute.AsSpan("extensionAttribute".Length).StartsWith("0"))
            {
                return new CsvColumn(name, CsvColumnRole.ExtensionAttribute, $"{ExtensionAttributesProperty}.extensionAttribute{number}");
            }
        }
        else if (name.Equals("members", StringComparison.OrdinalIgnoreCase))
        {
            return new CsvColumn(name, CsvColumnRole.Members);
        }

        return properties.Canonical(name) switch
        {
            null => null,
            "id" => new CsvColumn(name, CsvColumnRole.Id),
            var canonical => new CsvColumn(name, CsvColumnRole.Property, canonical, properties.KindsOf(canonical)),
        };
    }

    private string Unknown(string name) => _kind switch
    {
        DirectoryImportKind.Users => $"column '{name}' is not a user property (Graph's names such as displayName or jobTitle, extension_{{appId}}_{{name}}, extensionAttribute1 to extensionAttribute15, manager)",
        DirectoryImportKind.Groups => $"column '{name}' is not a group property (Graph's names such as displayName or mailNickname, members)",
        _ => $"column '{name}' is not a memberships column (group, member)",
    };
}
