namespace Provisio.Synchronization.Jobs;

/// <summary>Graph's <c>stringKeyLongValuePair</c>: a status's count per object type.</summary>
public sealed record StringKeyLongValuePair(string Key, long Value);
