using Provisio.Synchronization.Logs;
using System.Text.Json.Nodes;

namespace Provisio.Synchronization.Export;

/// <summary>
/// What creating one object exports: the POST body, the <c>modifiedProperties</c> of its log entry (every exported
/// attribute, old value null), and the values to keep as last exported once the target answers 201.
/// </summary>
public sealed record CreateExport(JsonObject Body, IReadOnlyList<ModifiedProperty> ModifiedProperties, ExportedValues State);
