using System.Text.Json.Serialization;

namespace Provisio.Synchronization.Logs;

/// <summary>Graph's <c>provisioningStepType</c>, the per-object pipeline's stages in order (reference entra-engine-and-api §1.4).</summary>
public enum ProvisioningStepType
{
    [JsonStringEnumMemberName("import")] Import,
    [JsonStringEnumMemberName("scoping")] Scoping,
    [JsonStringEnumMemberName("matching")] Matching,
    [JsonStringEnumMemberName("processing")] Processing,
    [JsonStringEnumMemberName("referenceResolution")] ReferenceResolution,
    [JsonStringEnumMemberName("export")] Export,
    [JsonStringEnumMemberName("unknownFutureValue")] UnknownFutureValue,
}
