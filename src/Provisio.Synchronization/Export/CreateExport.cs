using Provisio.Synchronization.Logs;
using System.Text.Json.Nodes;
using Provisio.Scim;

namespace Provisio.Synchronization.Export;

/// <summary>
/// What creating one object exports: the POST body (its JSON text, written straight from the mapped values by
/// <see cref="ScimResourceWriter.WriteJson"/>), the <c>modifiedProperties</c> of its log entry (every exported
/// attribute, old value null), and the values to keep as last exported once the target answers 201.
/// </summary>
public sealed record CreateExport(string Json, IReadOnlyList<ModifiedProperty> ModifiedProperties, ExportedValues State)
{
    /// <summary>The body as nodes, parsed from <see cref="Json"/> on each call (for inspection; the export sends the text).</summary>
    public JsonObject Body => ScimJson.ParseObject(Json);
}
