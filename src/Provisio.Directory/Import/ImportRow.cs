using System.Text.Json.Nodes;
using Provisio.Directory.Model;

namespace Provisio.Directory.Import;

/// <summary>
/// One row of an import file (a CSV record or a JSON object) as the directory will take it: an object's properties
/// and the names of the objects it refers to, or, for a membership row, only a group and a member.
/// </summary>
internal sealed class ImportRow(int line, DirectoryObjectKind kind)
{
    /// <summary>The 1-based line where the row starts.</summary>
    public int Line => line;

    /// <summary>User or group (a membership row is a group's).</summary>
    public DirectoryObjectKind Kind => kind;

    /// <summary>The object's properties in Graph's spelling; null for a membership row, which writes no object.</summary>
    public JsonObject? Properties { get; set; }

    /// <summary>The object's id, when the file gives one.</summary>
    public Guid? Id { get; set; }

    /// <summary>The name the object is found by: a user's userPrincipalName, a group's displayName.</summary>
    public string? Key { get; set; }

    /// <summary>The manager's userPrincipalName or id.</summary>
    public string? Manager { get; set; }

    /// <summary>Members by userPrincipalName, group displayName or id.</summary>
    public List<string> Members { get; } = [];

    public List<string> Errors { get; } = [];

    /// <summary>The file cannot be read past this row (malformed JSON, an unclosed quote at the end).</summary>
    public bool Fatal { get; set; }

    public bool HasReferences => Manager is not null || Members.Count > 0;

    public int ReferenceCount => (Manager is null ? 0 : 1) + Members.Count;

    /// <summary>
    /// Takes <see cref="Key"/> from the properties (a membership row has it already, or an id) and reports a missing
    /// one: a user needs a userPrincipalName, a group a displayName, unless the row gives the id of an existing one.
    /// </summary>
    public void Complete()
    {
        if (Properties is null)
        {
            if (string.IsNullOrEmpty(Key))
            {
                Errors.Add("no group: a membership needs a group (displayName or id) and a member");
            }
            else if (Guid.TryParse(Key, out var group))
            {
                Id = group;
            }

            if (Members.Count == 0)
            {
                Errors.Add("no member: a membership needs a group and a member (userPrincipalName, group displayName or id)");
            }

            return;
        }

        var property = Kind == DirectoryObjectKind.User ? "userPrincipalName" : "displayName";
        Key = Properties[property] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;
        if (string.IsNullOrWhiteSpace(Key) && Id is null && !Errors.Exists(error => error.Contains($"'{property}'", StringComparison.OrdinalIgnoreCase)))
        {
            Errors.Add($"no {property}: every {(Kind == DirectoryObjectKind.User ? "user" : "group")} needs one (or the id of an existing one)");
        }
    }
}
