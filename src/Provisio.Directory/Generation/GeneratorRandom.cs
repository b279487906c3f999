namespace Provisio.Directory.Generation;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): small, fast and the same on every runtime, so a seed gives the same
/// directory wherever it runs (<see cref="Random"/>'s sequence is not promised across .NET versions). Each generated
/// object gets its own stream from (seed, stream, index), so object <c>i</c> never depends on how many came before.
/// </summary>
internal struct GeneratorRandom
{
    private ulong _state;

    public GeneratorRandom(int seed, ulong stream, long index)
    {
        _state = Mix(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ Mix(stream ^ Mix(unchecked((ulong)index))));
    }

    public ulong NextUInt64()
    {
        _state = unchecked(_state + 0x9E3779B97F4A7C15UL);
        return Mix(_state);
    }

    /// <summary>A number in [0, <paramref name="exclusiveMaximum"/>).</summary>
    public int Next(int exclusiveMaximum) => exclusiveMaximum <= 1 ? 0 : (int)(NextUInt64() % (ulong)exclusiveMaximum);

    /// <summary>A number in [0, <paramref name="exclusiveMaximum"/>).</summary>
    public long Next(long exclusiveMaximum) => exclusiveMaximum <= 1 ? 0 : (long)(NextUInt64() % (ulong)exclusiveMaximum);

    /// <summary>True with probability <paramref name="percent"/>/100.</summary>
    public bool Chance(int percent) => Next(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong Mix(ulong value)
    {
        value = unchecked((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL);
        value = unchecked((value ^ (value >> 27)) * 0x94D049BB133111EBUL);
        return value ^ (value >> 31);
    }
}
