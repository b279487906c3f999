using Provisio.Synchronization.Mapping;

namespace Provisio.Synchronization.Export;

/// <summary>A target attribute and the value the target last received for it.</summary>
public readonly record struct ExportedValue(string TargetAttributeName, TargetValue Value);
