namespace Provisio.Directory.Generation;

/// <summary>
/// A pseudo-random order of [0, <c>size</c>) chosen by a seed, computed one element at a time in O(1) memory: a
/// four-round Feistel network on the smallest even number of bits that covers the size, cycle-walking past the end.
/// </summary>
internal sealed class SeededPermutation
{
    private const int Rounds = 4;
    private readonly int _size;
    private readonly int _halfBits;
    private readonly uint _halfMask;
    private readonly uint[] _keys = new uint[Rounds];

    public SeededPermutation(int size, int seed, ulong stream)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        _size = size;
        var bits = 1;
        while ((1L << bits) < size)
        {
            bits++;
        }

        _halfBits = (bits + 1) / 2;
        _halfMask = (1u << _halfBits) - 1;
        var random = new GeneratorRandom(seed, stream, 0);
        for (var round = 0; round < Rounds; round++)
        {
            _keys[round] = (uint)random.NextUInt64();
        }
    }

    /// <summary>The element at <paramref name="index"/> of the order (a bijection of [0, size)).</summary>
    public int this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _size);
            var value = (uint)index;
            do
            {
                value = Encrypt(value);
            }
            while (value >= _size);

            return (int)value;
        }
    }

    private uint Encrypt(uint value)
    {
        var left = value >> _halfBits;
        var right = value & _halfMask;
        foreach (var key in _keys)
        {
            var mixed = unchecked((right ^ key) * 0x9E3779B1u);
            mixed ^= mixed >> 15;
            (left, right) = (right, (left ^ mixed) & _halfMask);
        }

        return (left << _halfBits) | right;
    }
}
