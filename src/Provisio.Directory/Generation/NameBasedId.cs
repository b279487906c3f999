using System.Security.Cryptography;
using System.Text;

namespace Provisio.Directory.Generation;

/// <summary>
/// Name-based ids (RFC 9562 §5.5, UUID version 5): the same name always gives the same id, so generating the same
/// directory again updates it instead of duplicating it, whatever seed first created a userPrincipalName.
/// </summary>
internal static class NameBasedId
{
    /// <summary>Provisio's namespace for generated directory objects.</summary>
    private static readonly Guid Namespace = new("5b0c7f43-2d6e-4c39-9a51-8f3d2e7c1a90");

    public static Guid For(string kind, string name)
    {
        // RFC 9562 §5.5: SHA-1 over the namespace (network byte order) then the name; version 5, variant 10.
        var text = $"{kind}:{name.ToLowerInvariant()}";
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(text.Length)];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(text, input[16..]);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input[..length], hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
